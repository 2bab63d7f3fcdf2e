using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>The conversation grain with <c>Realtime:Chat:Model=OpenAi</c>, against a fake SSE server on a real socket.</summary>
public sealed class OpenAiChatModelTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _cluster = await DomainCluster.StartAsync(configure: b => b
            .WithSetting("Realtime:Chat:Model", "OpenAi")
            .WithSetting("Realtime:Chat:OpenAi:BaseUrl", _server.BaseUrl)
            .WithSetting("Realtime:Chat:OpenAi:Model", "test-model")
            .WithSetting("Realtime:Chat:OpenAi:ApiKey", "sk-test-key"));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Streamed_deltas_become_chunks_and_the_reported_usage_becomes_token_count()
    {
        _server.Respond = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            // A role-only first delta and a comment line carry no text and are skipped.
            await context.Response.WriteAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n: keep-alive\n\n");
            await FakeOpenAiServer.Sse(context, FakeOpenAiServer.Delta("Baldur's Gate 3"), FakeOpenAiServer.Delta(" is a great pick."),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":7}}", "[DONE]");
        };
        var user = TestTimeouts.NewKey("user");
        var libraryId = await ChatTestLibrary.CreateAsync(_cluster.Client, user);
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);

        await _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv")).SendMessageAsync(
            new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "Recommend an unplayed RPG", LibraryId = libraryId }).WithTimeout();
        await ChatEvents.TerminalAsync(probe, "m1");

        var events = ChatEvents.Of(probe, "m1");
        Assert.Equal(["ai_thinking", "ai_tool_execution", "ai_chat_response_chunk", "ai_chat_response_chunk", "ai_chat_response_complete"], events.Select(e => e.Type));
        Assert.Equal([("Baldur's Gate 3", false, 0), (" is a great pick.", true, 1)],
            events.Where(e => e.Type == "ai_chat_response_chunk").Select(e => e.DataAs<AiChatResponseChunkData>()).Select(c => (c.Chunk, c.IsFinal, c.ChunkIndex)));
        var complete = events[^1].DataAs<AiChatResponseCompleteData>();
        Assert.Equal(("Baldur's Gate 3 is a great pick.", 7), (complete.FullMessage, complete.TokenCount));
        Assert.Equal(["search_games"], complete.ToolsUsed);

        var (authorization, body) = Assert.Single(_server.Requests);
        Assert.Equal("Bearer sk-test-key", authorization);
        Assert.Equal("test-model", body["model"]!.GetValue<string>());
        Assert.True(body["stream"]!.GetValue<bool>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(("user", "Recommend an unplayed RPG"), (messages[^1]!["role"]!.GetValue<string>(), messages[^1]!["content"]!.GetValue<string>()));
        // The tool results reach the model as context.
        Assert.Contains(messages, m => m!["role"]!.GetValue<string>() == "system" && m["content"]!.GetValue<string>().Contains("Disco Elysium"));
    }

    [Fact]
    public async Task An_http_error_ends_the_response_with_MODEL_ERROR()
    {
        _server.Respond = async context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("{\"error\":{\"message\":\"internal secret detail\"}}");
        };
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hello" }).WithTimeout();
        var error = (await ChatEvents.TerminalAsync(probe, "m1")).DataAs<AiErrorData>();

        Assert.Equal(["ai_thinking", "ai_error"], ChatEvents.Of(probe, "m1").Select(e => e.Type));
        Assert.Equal((AiErrorCodes.ModelError, "The model endpoint answered HTTP 500.", true), (error.ErrorCode, error.ErrorMessage, error.IsRecoverable));
        var history = await conversation.GetHistoryAsync(user).WithTimeout();
        Assert.Null(history.InFlight);
        Assert.Equal(["hello"], history.Messages.Select(m => m.Content));
    }

    [Fact]
    public async Task A_malformed_event_ends_the_response_with_MODEL_ERROR_after_the_chunks_before_it()
    {
        _server.Respond = context => FakeOpenAiServer.Sse(context,
            FakeOpenAiServer.Delta("Hello"), FakeOpenAiServer.Delta(" there"), "{\"choices\": [", "[DONE]");
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hello" }).WithTimeout();
        var error = (await ChatEvents.TerminalAsync(probe, "m1")).DataAs<AiErrorData>();

        // "Hello" was published when " there" arrived; " there" was held back to learn whether it was the last.
        Assert.Equal(["ai_thinking", "ai_chat_response_chunk", "ai_error"], ChatEvents.Of(probe, "m1").Select(e => e.Type));
        Assert.Equal((AiErrorCodes.ModelError, "The model's answer held malformed data."), (error.ErrorCode, error.ErrorMessage));
        var history = await conversation.GetHistoryAsync(user).WithTimeout();
        Assert.Equal([("hello", ChatMessageStatus.Complete), ("Hello", ChatMessageStatus.Failed)], history.Messages.Select(m => (m.Content, m.Status)));
    }

    [Fact]
    public async Task A_stream_that_ends_without_DONE_is_not_passed_off_as_complete()
    {
        _server.Respond = context => FakeOpenAiServer.Sse(context, FakeOpenAiServer.Delta("Hello"));
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);

        await _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"))
            .SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hello" }).WithTimeout();
        var error = (await ChatEvents.TerminalAsync(probe, "m1")).DataAs<AiErrorData>();

        Assert.Equal(AiErrorCodes.ModelError, error.ErrorCode);
        Assert.DoesNotContain(ChatEvents.Of(probe, "m1"), e => e.Type == "ai_chat_response_chunk");
    }

    [Fact]
    public async Task Cancel_aborts_the_http_stream_in_flight()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Respond = async context =>
        {
            await FakeOpenAiServer.Sse(context, FakeOpenAiServer.Delta("Once "), FakeOpenAiServer.Delta("upon "));
            // Hold the stream open until the client goes away.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => aborted.TrySetResult(), TaskScheduler.Default);
        };
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "story" }).WithTimeout();
        await ChatEvents.ChunkAsync(probe, "m1", 0);

        Assert.True(await conversation.CancelAsync(user, "m1").WithTimeout());
        await aborted.Task.WithTimeout();

        Assert.Equal(["ai_thinking", "ai_chat_response_chunk", "ai_error"], ChatEvents.Of(probe, "m1").Select(e => e.Type));
        Assert.Equal(AiErrorCodes.Cancelled, ChatEvents.Of(probe, "m1")[^1].DataAs<AiErrorData>().ErrorCode);
    }
}
