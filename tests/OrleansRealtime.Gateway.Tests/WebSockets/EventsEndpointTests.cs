using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.WebSockets;

/// <summary><c>/ws</c> (document 003) end to end: a real Kestrel, real sockets, real grains.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EventsEndpointTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Connect_SendsConnectionEstablished_WithSessionFeaturesAndStreamPosition()
    {
        var user = TestTimeouts.NewKey("u");
        var (client, established) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = client;

        var data = established.GetProperty("data");
        Assert.Equal(user, data.GetProperty("user_id").GetString());
        Assert.StartsWith("sess_", data.GetProperty("session_id").GetString());
        Assert.True(data.GetProperty("server_time").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        var features = data.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("sync_progress", features);
        Assert.Contains("ai_chat", features);
        Assert.Contains("notifications", features);
        Assert.DoesNotContain("connection", features);
        Assert.True(data.GetProperty("epoch").GetInt64() > 0);
        Assert.Equal(0, data.GetProperty("seq").GetInt64());
        Assert.True(established.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task Deposit_ReachesEverySocketOfTheUser_InSeqOrder_AndNoSocketOfAnotherUser()
    {
        var user = TestTimeouts.NewKey("u");
        var other = TestTimeouts.NewKey("o");
        var (a, _) = await WsClient.ConnectEventsAsync(Host, user);
        var (b, _) = await WsClient.ConnectEventsAsync(Host, user);
        var (c, _) = await WsClient.ConnectEventsAsync(Host, other);
        await using var d1 = a;
        await using var d2 = b;
        await using var d3 = c;

        var grain = Host.Client.GetGrain<IUserGrain>(user);
        await grain.DepositAsync(10).WithTimeout();
        await grain.DepositAsync(5).WithTimeout();

        foreach (var socket in new[] { a, b })
        {
            var first = await socket.NextOfTypeAsync("balance:update");
            var second = await socket.NextOfTypeAsync("balance:update");
            Assert.Equal(10, first.GetProperty("data").GetProperty("balance").GetInt64());
            Assert.Equal(15, second.GetProperty("data").GetProperty("balance").GetInt64());
            Assert.Equal(first.GetProperty("seq").GetInt64() + 1, second.GetProperty("seq").GetInt64());
            Assert.Equal(32, first.GetProperty("id").GetString()!.Length);
            Assert.EndsWith("Z", first.GetProperty("timestamp").GetString());
        }

        Assert.Equal(a.Received.Last().GetProperty("id").GetString(), b.Received.Last().GetProperty("id").GetString());

        // The other user's socket gets its own marker and nothing before it.
        await Host.Client.GetGrain<IUserGrain>(other).SendUpdateAsync("marker_update", null, JsonSerializer.SerializeToElement(new { n = 1 })).WithTimeout();
        var skipped = new List<JsonElement>();
        await c.NextOfTypeIgnoringPresenceAsync("marker_update", skipped);
        Assert.Empty(skipped);
    }

    [Fact]
    public async Task Subscribe_NarrowsToTheUnionOfTypesAndCategories_AndIsAcknowledgedWithTheRequestId()
    {
        var user = TestTimeouts.NewKey("u");
        var (client, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = client;

        await client.SendAsync(new { type = "subscribe", id = "sub-1", data = new { events = new[] { "balance" } } });
        var ack = await client.NextOfTypeAsync("subscribed");
        Assert.Equal("sub-1", ack.GetProperty("id").GetString());
        Assert.Equal(["balance"], ack.GetProperty("data").GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        await client.SendAsync(new { type = "subscribe", id = "sub-2", data = new { events = new[] { "notification" } } });
        await client.NextOfTypeAsync("subscribed");

        var grain = Host.Client.GetGrain<IUserGrain>(user);
        await grain.UpdateProfileAsync(new ProfileUpdate { DisplayName = "Al" }).WithTimeout(); // appearance: not subscribed
        await grain.CreateNotificationAsync("Hi", "there").WithTimeout();
        await grain.DepositAsync(3).WithTimeout();

        var skipped = new List<JsonElement>();
        await client.NextOfTypeIgnoringPresenceAsync("notification", skipped);
        await client.NextOfTypeIgnoringPresenceAsync("balance:update", skipped);
        Assert.Empty(skipped);

        await client.SendAsync(new { type = "unsubscribe", id = "uns-1", data = new { events = new[] { "balance" } } });
        var unack = await client.NextOfTypeAsync("unsubscribed");
        Assert.Equal("uns-1", unack.GetProperty("id").GetString());
        Assert.Equal(["notification"], unack.GetProperty("data").GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        await grain.DepositAsync(4).WithTimeout();
        await grain.CreateNotificationAsync("Second", "one").WithTimeout();
        var next = await client.NextOfTypeIgnoringPresenceAsync("notification", skipped);
        Assert.Equal("Second", next.GetProperty("data").GetProperty("title").GetString());
        Assert.Empty(skipped);
    }

    [Fact]
    public async Task LibraryFilter_AppliesOnlyToEventsThatCarryLibraryId()
    {
        var user = TestTimeouts.NewKey("u");
        var (client, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = client;
        var wanted = TestTimeouts.NewKey("lib");
        var unwanted = TestTimeouts.NewKey("lib");
        await Host.Client.GetGrain<ILibraryGrain>(wanted).CreateAsync(user, "Wanted", "steam").WithTimeout();
        await Host.Client.GetGrain<ILibraryGrain>(unwanted).CreateAsync(user, "Other", "steam").WithTimeout();

        await client.SendAsync(new { type = "subscribe", id = "s", data = new { events = new[] { "library", "balance" }, filters = new { library_id = wanted } } });
        await client.NextOfTypeAsync("subscribed");

        await Host.Client.GetGrain<ILibraryGrain>(unwanted).AddGameAsync(new GameInput { Title = "Skip me" }, GameSources.Manual).WithTimeout();
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(1).WithTimeout(); // carries no library_id: passes
        await Host.Client.GetGrain<ILibraryGrain>(wanted).AddGameAsync(new GameInput { Title = "Keep me" }, GameSources.Manual).WithTimeout();

        var skipped = new List<JsonElement>();
        await client.NextOfTypeIgnoringPresenceAsync("balance:update", skipped);
        var added = await client.NextOfTypeIgnoringPresenceAsync("game_added", skipped);
        Assert.Equal(wanted, added.GetProperty("data").GetProperty("library_id").GetString());
        Assert.Empty(skipped);
    }

    [Theory]
    [InlineData("not json", "invalid_json")]
    [InlineData("[1,2]", "invalid_message")]
    [InlineData("{\"data\":{}}", "invalid_message")]
    [InlineData("{\"type\":\"teleport\",\"id\":\"x1\"}", "unknown_type")]
    [InlineData("{\"type\":\"subscribe\",\"id\":\"x2\",\"data\":{}}", "invalid_data")]
    [InlineData("{\"type\":\"subscribe\",\"id\":\"x3\",\"data\":{\"events\":[\"no_such_event\"]}}", "unknown_event")]
    [InlineData("{\"type\":\"ai_chat_message\",\"id\":\"x4\",\"data\":{\"context\":{}}}", "invalid_data")]
    [InlineData("{\"type\":\"ping\",\"data\":[]}", "invalid_message")]
    public async Task BadMessage_GetsAnErrorEnvelope_AndTheConnectionStaysOpen(string frame, string expectedCode)
    {
        var (client, _) = await WsClient.ConnectEventsAsync(Host, TestTimeouts.NewKey("u"));
        await using var _1 = client;

        await client.SendTextAsync(frame);
        var error = await client.NextOfTypeAsync("error");
        Assert.Equal(expectedCode, error.GetProperty("data").GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("data").GetProperty("message").GetString()));
        if (frame.Contains("\"id\":\"x", StringComparison.Ordinal))
        {
            Assert.StartsWith("x", error.GetProperty("data").GetProperty("id").GetString());
        }

        await client.SendAsync(new { type = "ping", id = "still-there" });
        var pong = await client.NextOfTypeAsync("pong");
        Assert.Equal("still-there", pong.GetProperty("data").GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task AppearanceChange_ReachesTheUsersOtherSessions_NotTheOneThatMadeIt()
    {
        var user = TestTimeouts.NewKey("u");
        var (origin, est) = await WsClient.ConnectEventsAsync(Host, user);
        var (other, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = origin;
        await using var _2 = other;
        var originSession = est.GetProperty("data").GetProperty("session_id").GetString();

        await Host.Client.GetGrain<IUserGrain>(user).SetAppearanceAsync("emotion_tracker", "avatar", "av-7", originSession).WithTimeout();
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(1).WithTimeout();

        var update = await other.NextOfTypeAsync("appearance_updated");
        Assert.Equal("av-7", update.GetProperty("data").GetProperty("new_item_id").GetString());
        var skipped = new List<JsonElement>();
        await origin.NextOfTypeAsync("balance:update", skipped);
        Assert.DoesNotContain(skipped, m => m.GetProperty("type").GetString() == "appearance_updated");
    }

    [Fact]
    public async Task Typing_FromOneSocket_ReachesTheUsersOtherSocket()
    {
        var user = TestTimeouts.NewKey("u");
        var (typist, _) = await WsClient.ConnectEventsAsync(Host, user);
        var (watcher, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = typist;
        await using var _2 = watcher;

        await typist.SendAsync(new { type = "typing", data = new { is_typing = true } });
        var typing = await watcher.NextOfTypeAsync("typing");
        Assert.True(typing.GetProperty("data").GetProperty("is_typing").GetBoolean());
    }

    [Fact]
    public async Task AiChatMessage_StreamsTheResponse_WithTheMessageIdOnEveryEvent()
    {
        var user = TestTimeouts.NewKey("u");
        using var http = Host.As(user);
        var library = await LibrarySetup.CreateAsync(http);
        await LibrarySetup.AddGameAsync(http, library, "Baldur's Gate 3", 96, genres: ["RPG"]);
        var (client, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = client;
        var conversation = TestTimeouts.NewKey("conv");

        await client.SendAsync(new { type = "ai_chat_message", id = "msg_1", data = new { message = "Show me my unplayed RPG games", context = new { library_id = library, conversation_id = conversation } } });

        var events = new List<JsonElement>();
        var complete = await client.NextOfTypeIgnoringPresenceAsync("ai_chat_response_complete", events);
        events.Add(complete);
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("ai_thinking", types[0]);
        Assert.Contains("ai_tool_execution", types);
        Assert.All(events, e => Assert.Equal("msg_1", e.GetProperty("data").GetProperty("message_id").GetString()));
        var chunks = events.Where(e => e.GetProperty("type").GetString() == "ai_chat_response_chunk").Select(e => e.GetProperty("data").GetProperty("chunk").GetString()).ToList();
        Assert.Equal(complete.GetProperty("data").GetProperty("full_message").GetString(), string.Concat(chunks));
    }

    [Fact]
    public async Task UnsubscribingAType_ExcludesItEvenWhereItsCategoryOrEverythingCoversIt()
    {
        var user = TestTimeouts.NewKey("u");
        var (client, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = client;

        await client.SendAsync(new { type = "unsubscribe", id = "u1", data = new { events = new[] { "balance:update", "presence" } } });
        var ack = await client.NextOfTypeAsync("unsubscribed");
        var remaining = ack.GetProperty("data").GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("balance", remaining);
        Assert.DoesNotContain("presence", remaining);

        var grain = Host.Client.GetGrain<IUserGrain>(user);
        await grain.DepositAsync(2).WithTimeout();
        await grain.CreateNotificationAsync("After", "the deposit").WithTimeout();
        var skipped = new List<JsonElement>();
        await client.NextOfTypeAsync("notification", skipped);
        Assert.DoesNotContain(skipped, m => m.GetProperty("type").GetString() == "balance:update");

        // Subscribing the type again lifts the exclusion.
        await client.SendAsync(new { type = "subscribe", id = "s1", data = new { events = new[] { "balance:update" } } });
        await client.NextOfTypeAsync("subscribed");
        await grain.DepositAsync(3).WithTimeout();
        Assert.Equal(5, (await client.NextOfTypeAsync("balance:update")).GetProperty("data").GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task AnEmptyLibraryFilter_ClearsIt()
    {
        var user = TestTimeouts.NewKey("u");
        var (client, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = client;
        await client.SendAsync(new { type = "subscribe", id = "s1", data = new { events = new[] { "library" }, filters = new { library_id = "lib-a" } } });
        Assert.Equal("lib-a", (await client.NextOfTypeAsync("subscribed")).GetProperty("data").GetProperty("filters").GetProperty("library_id").GetString());

        await client.SendAsync(new { type = "subscribe", id = "s2", data = new { events = new[] { "library" }, filters = new { library_id = "" } } });
        var ack = await client.NextOfTypeAsync("subscribed");
        Assert.Equal(JsonValueKind.Null, ack.GetProperty("data").GetProperty("filters").GetProperty("library_id").ValueKind);
    }
}
