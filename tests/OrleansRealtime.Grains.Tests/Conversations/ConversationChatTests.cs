using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>The conversation grain with the default local model and a real LibraryGrain behind its tools.</summary>
public sealed class ConversationChatTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DomainCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_chat_with_a_tool_call_streams_thinking_tool_chunks_and_complete_whose_full_message_is_the_chunks()
    {
        var user = TestTimeouts.NewKey("user");
        var libraryId = await ChatTestLibrary.CreateAsync(_cluster.Client, user);
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>("conv_456789");

        var accepted = await conversation.SendMessageAsync(new ChatMessageRequest
        {
            UserId = user, MessageId = "msg_123456", Message = "Show me my unplayed RPG games with metacritic 80", LibraryId = libraryId,
        }).WithTimeout();
        await ChatEvents.TerminalAsync(probe, "msg_123456");

        Assert.Equal(new ChatMessageAccepted { ConversationId = "conv_456789", MessageId = "msg_123456", AcceptedAt = accepted.AcceptedAt }, accepted);
        var events = ChatEvents.Of(probe, "msg_123456");
        var types = events.Select(e => e.Type).ToList();
        Assert.Equal("ai_thinking", types[0]);
        Assert.Equal("ai_tool_execution", types[1]);
        Assert.Equal("ai_chat_response_complete", types[^1]);
        Assert.True(types.Count >= 5, "several chunks: " + string.Join(", ", types));
        Assert.All(types.Skip(2).SkipLast(1), t => Assert.Equal("ai_chat_response_chunk", t));

        var tool = events[1].DataAs<AiToolExecutionData>();
        Assert.Equal(("conv_456789", "search_games", "executing"), (tool.ConversationId, tool.ToolName, tool.Status));
        Assert.Equal("RPG", tool.ToolParameters.GetProperty("genre").GetString());
        Assert.Equal(["unplayed"], tool.ToolParameters.GetProperty("status_filter").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(80, tool.ToolParameters.GetProperty("rating_filter").GetProperty("min_metacritic").GetInt32());

        var chunks = events.Skip(2).SkipLast(1).Select(e => e.DataAs<AiChatResponseChunkData>()).ToList();
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.ChunkIndex));
        Assert.Equal(chunks.Count - 1, chunks.FindIndex(c => c.IsFinal));
        Assert.Single(chunks, c => c.IsFinal);

        var complete = events[^1].DataAs<AiChatResponseCompleteData>();
        Assert.Equal(string.Concat(chunks.Select(c => c.Chunk)), complete.FullMessage);
        Assert.Equal(["search_games"], complete.ToolsUsed);
        Assert.True(complete.TokenCount > 0);
        Assert.True(complete.ResponseTimeMs >= 0);
        // The answer comes from the library: the unplayed RPGs scoring 80+, best known first by title, and nothing else.
        Assert.Contains("1. Baldur's Gate 3 - 95 Metacritic", complete.FullMessage);
        Assert.Contains("2. Disco Elysium - 91 Metacritic", complete.FullMessage);
        Assert.DoesNotContain("Witcher", complete.FullMessage);
        Assert.DoesNotContain("Some Old RPG", complete.FullMessage);
        Assert.DoesNotContain("Civilization", complete.FullMessage);

        var history = await conversation.GetHistoryAsync(user).WithTimeout();
        Assert.Null(history.InFlight);
        Assert.Equal(user, history.OwnerUserId);
        Assert.Equal([(ChatRole.User, "msg_123456"), (ChatRole.Assistant, "msg_123456")], history.Messages.Select(m => (m.Role, m.MessageId)));
        Assert.Equal(complete.FullMessage, history.Messages[1].Content);
        Assert.Equal(ChatMessageStatus.Complete, history.Messages[1].Status);
    }

    [Fact]
    public async Task Library_stats_question_uses_get_library_stats_and_answers_with_the_totals()
    {
        var user = TestTimeouts.NewKey("user");
        var libraryId = await ChatTestLibrary.CreateAsync(_cluster.Client, user);
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "Give me my library stats", LibraryId = libraryId }).WithTimeout();
        var complete = (await ChatEvents.TerminalAsync(probe, "m1")).DataAs<AiChatResponseCompleteData>();

        Assert.Equal(["get_library_stats"], complete.ToolsUsed);
        Assert.StartsWith("Your library has 5 games (4 unplayed) and 127 hours of playtime.", complete.FullMessage);
        Assert.Contains("Top genres: RPG (4), Strategy (1).", complete.FullMessage);
    }

    [Fact]
    public async Task The_library_of_an_earlier_message_is_used_when_a_message_names_none()
    {
        var user = TestTimeouts.NewKey("user");
        var libraryId = await ChatTestLibrary.CreateAsync(_cluster.Client, user);
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hi", LibraryId = libraryId }).WithTimeout();
        await ChatEvents.TerminalAsync(probe, "m1");

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m2", Message = "Find strategy games" }).WithTimeout();
        var complete = (await ChatEvents.TerminalAsync(probe, "m2")).DataAs<AiChatResponseCompleteData>();

        Assert.Equal(["search_games"], complete.ToolsUsed);
        Assert.Contains("1. Civilization VI - 88 Metacritic", complete.FullMessage);
    }

    [Fact]
    public async Task Without_a_library_no_tool_runs_and_the_answer_says_so()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "Show me my unplayed RPG games" }).WithTimeout();
        await ChatEvents.TerminalAsync(probe, "m1");

        var complete = ChatEvents.Of(probe, "m1")[^1].DataAs<AiChatResponseCompleteData>();
        Assert.Empty(complete.ToolsUsed);
        Assert.DoesNotContain(ChatEvents.Of(probe, "m1"), e => e.Type == "ai_tool_execution");
        Assert.Contains("no library", complete.FullMessage);
    }

    [Fact]
    public async Task A_channel_conversation_also_sends_chat_message_with_the_workflow_as_agent()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversationId = ConversationKeys.ForChannel("game-djinn", "app_1", TestTimeouts.NewKey("chat"));
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(conversationId);

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hello" }).WithTimeout();
        var message = (await probe.WaitForAsync("chat_message")).DataAs<ChatMessageData>();

        var complete = ChatEvents.Of(probe, "m1").Single(e => e.Type == "ai_chat_response_complete").DataAs<AiChatResponseCompleteData>();
        Assert.Equal(new ChatMessageData(complete.FullMessage, "game-djinn", conversationId, "m1"), message);
        Assert.Equal("chat_message", ChatEvents.Of(probe, "m1")[^1].Type);
    }

    [Fact]
    public async Task A_message_without_an_id_gets_one_and_every_event_carries_it()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        var accepted = await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, Message = "hello" }).WithTimeout();
        await ChatEvents.TerminalAsync(probe, accepted.MessageId);

        Assert.Matches("^msg_[0-9a-f]{32}$", accepted.MessageId);
        Assert.Equal(probe.Received.Count(e => e.Type.StartsWith("ai_", StringComparison.Ordinal)), ChatEvents.Of(probe, accepted.MessageId).Count);
    }

    [Fact]
    public async Task Resending_a_known_message_id_is_accepted_as_a_duplicate_and_emits_nothing()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        var request = new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hello" };
        await conversation.SendMessageAsync(request).WithTimeout();
        await ChatEvents.TerminalAsync(probe, "m1");
        var before = probe.Received.Count;

        var again = await conversation.SendMessageAsync(request with { Message = "something else" }).WithTimeout();

        Assert.True(again.Duplicate);
        Assert.Equal(before, probe.Received.Count);
        Assert.Equal(2, (await conversation.GetHistoryAsync(user).WithTimeout()).Messages.Count);
    }

    [Fact]
    public async Task History_survives_a_silo_restart()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversationId = TestTimeouts.NewKey("conv");
        await _cluster.Client.GetGrain<IConversationGrain>(conversationId)
            .SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "hello" }).WithTimeout();
        await ChatEvents.TerminalAsync(probe, "m1");

        await _cluster.RestartSiloAsync().WithTimeout();
        var history = await _cluster.Client.GetGrain<IConversationGrain>(conversationId).GetHistoryAsync(user).WithTimeout();

        Assert.Equal(user, history.OwnerUserId);
        Assert.Equal(["hello", ChatEvents.Of(probe, "m1")[^1].DataAs<AiChatResponseCompleteData>().FullMessage], history.Messages.Select(m => m.Content));
    }

    [Fact]
    public async Task A_channel_conversation_keyed_with_its_user_refuses_anyone_else_even_as_the_first_sender()
    {
        var owner = TestTimeouts.NewKey("owner");
        var squatter = TestTimeouts.NewKey("squatter");
        await using var squatterProbe = await StreamProbe.ForUserAsync(_cluster.Client, squatter);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(ConversationKeys.ForChannel("assistant", "app", TestTimeouts.NewKey("chat"), owner));

        var send = await Assert.ThrowsAsync<DomainForbiddenException>(() =>
            conversation.SendMessageAsync(new ChatMessageRequest { UserId = squatter, MessageId = "s1", Message = "mine now" })).WithTimeout();
        Assert.Equal(ConversationErrorCodes.ConversationForbidden, send.ErrorCode);
        Assert.Empty(squatterProbe.Received);

        await using var ownerProbe = await StreamProbe.ForUserAsync(_cluster.Client, owner);
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = owner, MessageId = "o1", Message = "hello" }).WithTimeout();
        await ChatEvents.TerminalAsync(ownerProbe, "o1");
        Assert.Equal(owner, (await conversation.GetHistoryAsync(owner).WithTimeout()).OwnerUserId);
    }

    [Fact]
    public async Task A_foreign_user_is_refused_and_nothing_changes_or_is_emitted()
    {
        var owner = TestTimeouts.NewKey("owner");
        var stranger = TestTimeouts.NewKey("stranger");
        await using var ownerProbe = await StreamProbe.ForUserAsync(_cluster.Client, owner);
        await using var strangerProbe = await StreamProbe.ForUserAsync(_cluster.Client, stranger);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));
        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = owner, MessageId = "m1", Message = "hello" }).WithTimeout();
        await ChatEvents.TerminalAsync(ownerProbe, "m1");
        var before = ownerProbe.Received.Count;

        var send = await Assert.ThrowsAsync<DomainForbiddenException>(() =>
            conversation.SendMessageAsync(new ChatMessageRequest { UserId = stranger, MessageId = "m2", Message = "mine now" })).WithTimeout();
        var read = await Assert.ThrowsAsync<DomainForbiddenException>(() => conversation.GetHistoryAsync(stranger)).WithTimeout();
        var cancel = await Assert.ThrowsAsync<DomainForbiddenException>(() => conversation.CancelAsync(stranger)).WithTimeout();

        Assert.All([send, read, cancel], ex => Assert.Equal(ConversationErrorCodes.ConversationForbidden, ex.ErrorCode));
        var history = await conversation.GetHistoryAsync(owner).WithTimeout();
        Assert.Equal(owner, history.OwnerUserId);
        Assert.Equal(["m1", "m1"], history.Messages.Select(m => m.MessageId));
        Assert.Equal(before, ownerProbe.Received.Count);
        Assert.Empty(strangerProbe.Received);
    }

    [Fact]
    public async Task A_foreign_or_unknown_library_is_refused_before_anything_changes()
    {
        var user = TestTimeouts.NewKey("user");
        var otherLibrary = await ChatTestLibrary.CreateAsync(_cluster.Client, TestTimeouts.NewKey("other"));
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        var foreign = await Assert.ThrowsAsync<DomainForbiddenException>(() =>
            conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "stats", LibraryId = otherLibrary })).WithTimeout();
        var unknown = await Assert.ThrowsAsync<DomainNotFoundException>(() =>
            conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = "stats", LibraryId = TestTimeouts.NewKey("nolib") })).WithTimeout();

        Assert.Equal(ConversationErrorCodes.LibraryForbidden, foreign.ErrorCode);
        Assert.Equal("library_not_found", unknown.ErrorCode);
        await AssertUntouchedAsync(conversation, user, probe);
    }

    [Theory]
    [InlineData("", ConversationErrorCodes.EmptyMessage)]
    [InlineData(" \n\t ", ConversationErrorCodes.EmptyMessage)]
    [InlineData(null, ConversationErrorCodes.MessageTooLong)]
    public async Task An_empty_or_oversize_message_is_refused_before_anything_changes(string? message, string code)
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => conversation.SendMessageAsync(new ChatMessageRequest
        {
            UserId = user, MessageId = "m1", Message = message ?? new string('x', ChatLimits.MaxMessageLength + 1),
        })).WithTimeout();

        Assert.Equal(code, ex.ErrorCode);
        await AssertUntouchedAsync(conversation, user, probe);
    }

    [Fact]
    public async Task A_message_of_exactly_the_limit_is_accepted()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        await conversation.SendMessageAsync(new ChatMessageRequest { UserId = user, MessageId = "m1", Message = new string('x', ChatLimits.MaxMessageLength) }).WithTimeout();

        Assert.Equal("ai_chat_response_complete", (await ChatEvents.TerminalAsync(probe, "m1")).Type);
    }

    [Fact]
    public async Task Malformed_ids_are_refused_before_anything_changes()
    {
        var user = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(_cluster.Client, user);
        var conversation = _cluster.Client.GetGrain<IConversationGrain>(TestTimeouts.NewKey("conv"));

        var longId = await Assert.ThrowsAsync<DomainValidationException>(() => conversation.SendMessageAsync(
            new ChatMessageRequest { UserId = user, MessageId = new string('m', ChatLimits.MaxMessageIdLength + 1), Message = "hi" })).WithTimeout();
        var controlId = await Assert.ThrowsAsync<DomainValidationException>(() => conversation.SendMessageAsync(
            new ChatMessageRequest { UserId = user, MessageId = "m\u00011", Message = "hi" })).WithTimeout();

        Assert.All([longId, controlId], ex => Assert.Equal(ConversationErrorCodes.InvalidId, ex.ErrorCode));
        await AssertUntouchedAsync(conversation, user, probe);
    }

    private static async Task AssertUntouchedAsync(IConversationGrain conversation, string user, StreamProbe probe)
    {
        var history = await conversation.GetHistoryAsync(user).WithTimeout();
        Assert.Null(history.OwnerUserId);
        Assert.Empty(history.Messages);
        Assert.Null(history.InFlight);
        Assert.Empty(probe.Received);
    }
}
