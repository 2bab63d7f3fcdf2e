using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Conversations;

namespace OrleansRealtime.Gateway.Tests.Api.Conversations;

[Collection(GatewayCollection.Name)]
public sealed class ConversationApiTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task PostMessage_Returns202_AndTheAnswerStreams_WithToolsAndChunksThatMakeTheFullMessage()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        await LibrarySetup.AddGameAsync(http, libraryId, "Hades", 93, genres: ["Roguelike"]);
        var conversationId = TestTimeouts.NewKey("conv");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/conversations/{conversationId}/messages",
            new { message = "What roguelike games do I have?", message_id = "msg_1", library_id = libraryId });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.JsonAsync();
        Assert.Equal("msg_1", accepted.GetProperty("message_id").GetString());
        var complete = await probe.WaitForAsync("ai_chat_response_complete");
        Assert.Equal("msg_1", complete.Data.GetProperty("message_id").GetString());
        Assert.Contains("search_games", complete.Data.GetProperty("tools_used").EnumerateArray().Select(t => t.GetString()));
        var chunks = probe.OfType("ai_chat_response_chunk").Select(e => e.Data).OrderBy(d => d.GetProperty("chunk_index").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.GetProperty("chunk_index").GetInt32()));
        Assert.Equal(complete.Data.GetProperty("full_message").GetString(), string.Concat(chunks.Select(c => c.GetProperty("chunk").GetString())));
        Assert.Equal("ai_thinking", probe.Received[0].Type);
        Assert.Contains(probe.Received, e => e.Type == "ai_tool_execution");

        var history = await (await http.GetAsyncWithTimeout($"/api/conversations/{conversationId}/history")).JsonAsync();
        Assert.Equal(user, history.GetProperty("owner_user_id").GetString());
        Assert.Equal(["user", "assistant"], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task AnotherUsersConversation_Gets403_AndChangesNothing()
    {
        var owner = TestTimeouts.NewKey("owner");
        using var ownerHttp = Host.As(owner);
        var conversationId = TestTimeouts.NewKey("conv");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, owner);
        (await ownerHttp.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { message = "hello" })).EnsureSuccessStatusCode();
        await probe.WaitForAsync("ai_chat_response_complete");
        var before = probe.Received.Count;
        using var mallory = Host.As(TestTimeouts.NewKey("mallory"));

        await ProblemAssert.IsProblemAsync(await mallory.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { message = "hijack" }), HttpStatusCode.Forbidden, ConversationErrorCodes.ConversationForbidden);
        await ProblemAssert.IsProblemAsync(await mallory.GetAsyncWithTimeout($"/api/conversations/{conversationId}/history"), HttpStatusCode.Forbidden, ConversationErrorCodes.ConversationForbidden);
        await ProblemAssert.IsProblemAsync(await mallory.PostJsonAsync($"/api/conversations/{conversationId}/cancel", null), HttpStatusCode.Forbidden, ConversationErrorCodes.ConversationForbidden);

        var history = await Host.Client.GetGrain<IConversationGrain>(conversationId).GetHistoryAsync(owner).WithTimeout();
        Assert.Equal(2, history.Messages.Count);
        Assert.Equal(before, (await probe.EventsBeforeBarrierAsync(Host.Client, owner)).Count);
    }

    [Fact]
    public async Task ChannelConversation_OfDocument002_AcceptsItsLongestId()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var conversationId = ConversationKeys.ForChannel(new string('w', ChatLimits.MaxSegmentLength), new string('a', ChatLimits.MaxSegmentLength), TestTimeouts.NewKey("c").PadRight(ChatLimits.MaxSegmentLength, 'c'));
        Assert.True(conversationId.Length > 128);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { message = "hello" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(conversationId, (await probe.WaitForAsync("ai_chat_response_complete")).Data.GetProperty("conversation_id").GetString());
    }

    [Fact]
    public async Task NamingAnotherUser_Gets403_ForAPlainUser()
    {
        using var http = Host.As(TestTimeouts.NewKey("mallory"));

        using var response = await http.PostJsonAsync($"/api/conversations/{TestTimeouts.NewKey("conv")}/messages", new { message = "hi", user_id = "victim" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AnotherUsersLibrary_Gets403_AndStartsNothing()
    {
        using var ownerHttp = Host.As(TestTimeouts.NewKey("owner"));
        var libraryId = await LibrarySetup.CreateAsync(ownerHttp);
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var conversationId = TestTimeouts.NewKey("conv");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { message = "list my games", library_id = libraryId });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ConversationErrorCodes.LibraryForbidden);
        Assert.Empty((await Host.Client.GetGrain<IConversationGrain>(conversationId).GetHistoryAsync(user).WithTimeout()).Messages);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Theory]
    [InlineData(ConversationErrorCodes.MessageTooLong, ChatLimits.MaxMessageLength + 1)]
    [InlineData(ConversationErrorCodes.EmptyMessage, 0)]
    public async Task OversizeOrEmptyMessage_Gets400_AndChangesNothing(string errorCode, int length)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var conversationId = TestTimeouts.NewKey("conv");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { message = new string('m', length) });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Empty((await Host.Client.GetGrain<IConversationGrain>(conversationId).GetHistoryAsync(user).WithTimeout()).Messages);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task Cancel_WithNothingInFlight_ReportsFalse()
    {
        using var http = Host.As(TestTimeouts.NewKey("user"));

        var result = await (await http.PostJsonAsync($"/api/conversations/{TestTimeouts.NewKey("conv")}/cancel", new { })).JsonAsync();

        Assert.False(result.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task CheckIn_OptInAndOut_IsReadBack()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"/api/users/{user}/personas/coach/check-in"), HttpStatusCode.NotFound, "check_in_not_found");

        var enabled = await (await http.PutJsonAsync($"/api/users/{user}/personas/coach/check-in", new { enabled = true, time_of_day_utc = "07:30:00" })).JsonAsync();
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("07:30:00", enabled.GetProperty("time_of_day_utc").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, enabled.GetProperty("next_at").ValueKind);

        (await http.PutJsonAsync($"/api/users/{user}/personas/coach/check-in", new { enabled = false })).EnsureSuccessStatusCode();
        var read = await (await http.GetAsyncWithTimeout($"/api/users/{user}/personas/coach/check-in")).JsonAsync();
        Assert.False(read.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task CheckIn_WithABadPersonaId_Gets400()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);

        using var response = await http.PutJsonAsync($"/api/users/{user}/personas/bad%20persona!/check-in", new { enabled = true });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ConversationErrorCodes.InvalidSegment);
    }
}
