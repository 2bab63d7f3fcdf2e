using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.Grains.Conversations.Models;
using OrleansRealtime.Grains.Conversations.Tools;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>
/// Responses in flight, driven by <see cref="ScriptedChatModel"/>: the test decides when each delta
/// arrives, so cancel, history and a second message meet the response at a known point.
/// </summary>
public sealed class ConversationCancelTests
{
    private static async Task<InProcessTestCluster> StartAsync(IChatModel model) =>
        await DomainCluster.StartAsync(configure: b => b.ConfigureSilo(s => s.Services.AddSingleton(model)));

    [Fact]
    public async Task History_holds_the_text_in_flight_as_one_message_with_the_last_chunk_index()
    {
        var model = new ScriptedChatModel();
        await using var cluster = await StartAsync(model);
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "tell me a story" }).WithTimeout();
        var before = await conversation.GetHistoryAsync(user).WithTimeout();
        await model.Script("m1").WriteAsync("Once ");
        await model.Script("m1").WriteAsync("upon ");
        await model.Script("m1").WriteAsync("a time");
        await ChatEvents.ChunkAsync(probe, "m1", 1);
        var during = await conversation.GetHistoryAsync(user).WithTimeout();
        model.Script("m1").Complete();
        await ChatEvents.TerminalAsync(probe, "m1");
        var after = await conversation.GetHistoryAsync(user).WithTimeout();

        Assert.Equal(("m1", string.Empty, -1), (before.InFlight!.MessageId, before.InFlight.TextSoFar, before.InFlight.ChunkIndex));
        Assert.Equal(["tell me a story"], before.Messages.Select(m => m.Content));
        Assert.Equal(("m1", "Once upon ", 1), (during.InFlight!.MessageId, during.InFlight.TextSoFar, during.InFlight.ChunkIndex));
        Assert.Equal(["tell me a story"], during.Messages.Select(m => m.Content));
        Assert.Null(after.InFlight);
        Assert.Equal(["tell me a story", "Once upon a time"], after.Messages.Select(m => m.Content));
        var complete = ChatEvents.Of(probe, "m1")[^1].DataAs<AiChatResponseCompleteData>();
        Assert.Equal("Once upon a time", complete.FullMessage);
    }

    [Fact]
    public async Task Cancel_stops_the_response_in_flight_with_ai_error_CANCELLED_and_no_chunk_after_it()
    {
        var model = new ScriptedChatModel();
        await using var cluster = await StartAsync(model);
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "tell me a story" }).WithTimeout();
        await model.Script("m1").WriteAsync("Once ");
        await model.Script("m1").WriteAsync("upon ");
        await ChatEvents.ChunkAsync(probe, "m1", 0);

        var cancelled = await conversation.CancelAsync(user, "m1").WithTimeout();
        // The model keeps talking after the cancel; none of it may reach the stream.
        await model.Script("m1").WriteAsync("a time");
        model.Script("m1").Complete();
        var history = await conversation.GetHistoryAsync(user).WithTimeout();

        Assert.True(cancelled);
        var events = ChatEvents.Of(probe, "m1");
        Assert.Equal(["ai_thinking", "ai_chat_response_chunk", "ai_error"], events.Select(e => e.Type));
        var error = events[^1].DataAs<AiErrorData>();
        Assert.Equal((AiErrorCodes.Cancelled, true), (error.ErrorCode, error.IsRecoverable));
        Assert.Null(history.InFlight);
        Assert.Equal([(ChatRole.User, "tell me a story", ChatMessageStatus.Complete), (ChatRole.Assistant, "Once ", ChatMessageStatus.Cancelled)],
            history.Messages.Select(m => (m.Role, m.Content, m.Status)));
        Assert.False(await conversation.CancelAsync(user, "m1").WithTimeout());
    }

    [Fact]
    public async Task Cancel_returns_even_when_the_model_ignores_the_token()
    {
        var model = new ScriptedChatModel { IgnoreCancellation = true };
        await using var cluster = await StartAsync(model);
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hi" }).WithTimeout();

        Assert.True(await conversation.CancelAsync(user).WithTimeout());

        Assert.Equal(["ai_thinking", "ai_error"], ChatEvents.Of(probe, "m1").Select(e => e.Type));
        model.Script("m1").Complete();
    }

    [Fact]
    public async Task A_second_message_while_one_streams_is_refused_and_accepted_once_the_first_ended()
    {
        var model = new ScriptedChatModel();
        await using var cluster = await StartAsync(model);
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "first" }).WithTimeout();

        var busy = await Assert.ThrowsAsync<DomainConflictException>(() =>
            conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m2", Message = "second" })).WithTimeout();
        var eventsWhileBusy = probe.Received.Count;
        var historyWhileBusy = await conversation.GetHistoryAsync(user).WithTimeout();
        await model.Script("m1").WriteAsync("done");
        model.Script("m1").Complete();
        await ChatEvents.TerminalAsync(probe, "m1");
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m2", Message = "second" }).WithTimeout();
        await model.Script("m2").WriteAsync("ok");
        model.Script("m2").Complete();
        await ChatEvents.TerminalAsync(probe, "m2");

        Assert.Equal(ConversationErrorCodes.ResponseInProgress, busy.ErrorCode);
        Assert.Equal(1, eventsWhileBusy);
        Assert.Equal(["first"], historyWhileBusy.Messages.Select(m => m.Content));
        // The first response's events all precede the second's.
        var order = probe.Received.Select(ChatEvents.MessageId).ToList();
        Assert.True(order.LastIndexOf("m1") < order.IndexOf("m2"));
    }

    [Fact]
    public async Task Cancel_of_another_message_id_or_with_nothing_streaming_returns_false_and_emits_nothing()
    {
        var model = new ScriptedChatModel();
        await using var cluster = await StartAsync(model);
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        var idle = await conversation.CancelAsync(user).WithTimeout();
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hi" }).WithTimeout();
        var other = await conversation.CancelAsync(user, "m0").WithTimeout();
        var history = await conversation.GetHistoryAsync(user).WithTimeout();

        Assert.False(idle);
        Assert.False(other);
        Assert.Equal("m1", history.InFlight?.MessageId);
        Assert.Equal(["ai_thinking"], probe.Received.Select(e => e.Type));
        model.Script("m1").Complete();
    }

    [Fact]
    public async Task A_failing_tool_ends_the_response_with_TOOL_EXECUTION_FAILED_after_its_tool_event()
    {
        var badSearch = new ChatToolCall(ChatToolNames.SearchGames, JsonSerializer.SerializeToElement(new { limit = 5000 }));
        var model = new ScriptedChatModel { Tools = [badSearch] };
        await using var cluster = await StartAsync(model);
        var user = TestTimeouts.NewKey("user");
        var libraryId = await ChatTestLibrary.CreateAsync(cluster.Client, user);
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "find games", LibraryId = libraryId }).WithTimeout();
        var error = (await ChatEvents.TerminalAsync(probe, "m1")).DataAs<AiErrorData>();

        Assert.Equal(["ai_thinking", "ai_tool_execution", "ai_error"], ChatEvents.Of(probe, "m1").Select(e => e.Type));
        Assert.Equal((AiErrorCodes.ToolExecutionFailed, true), (error.ErrorCode, error.IsRecoverable));
        Assert.StartsWith("Unable to search games: limit must be from 1 to 100", error.ErrorMessage);
        var history = await conversation.GetHistoryAsync(user).WithTimeout();
        Assert.Null(history.InFlight);
        Assert.Equal(["find games"], history.Messages.Select(m => m.Content));
    }

    [Fact]
    public async Task A_deactivation_while_streaming_ends_the_response_with_INTERRUPTED_and_keeps_the_text()
    {
        var model = new ScriptedChatModel();
        await using var cluster = await StartAsync(model);
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "story" }).WithTimeout();
        await model.Script("m1").WriteAsync("Once ");
        await model.Script("m1").WriteAsync("upon ");
        await ChatEvents.ChunkAsync(probe, "m1", 0);

        await cluster.DeactivateGrainAsync(conversation).WithTimeout();
        var history = await conversation.GetHistoryAsync(user).WithTimeout();

        Assert.Equal(["ai_thinking", "ai_chat_response_chunk", "ai_error"], ChatEvents.Of(probe, "m1").Select(e => e.Type));
        Assert.Equal(AiErrorCodes.Interrupted, ChatEvents.Of(probe, "m1")[^1].DataAs<AiErrorData>().ErrorCode);
        Assert.Null(history.InFlight);
        Assert.Equal([("story", ChatMessageStatus.Complete), ("Once ", ChatMessageStatus.Failed)], history.Messages.Select(m => (m.Content, m.Status)));
        model.Script("m1").Complete();
    }

    [Fact]
    public async Task A_response_that_streams_longer_than_the_limit_ends_with_MODEL_ERROR()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatModel();
        await using var cluster = await DomainCluster.StartAsync(time, b => ChatClusters.LongClientLeases(b).ConfigureSilo(s => s.Services.AddSingleton<IChatModel>(model)));
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, user);
        var conversation = cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hi" }).WithTimeout();

        time.Advance(TimeSpan.FromMinutes(2));
        var error = (await ChatEvents.TerminalAsync(probe, "m1")).DataAs<AiErrorData>();

        Assert.Equal((AiErrorCodes.ModelError, "The response took too long and was stopped."), (error.ErrorCode, error.ErrorMessage));
        model.Script("m1").Complete();
    }
}
