using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.GrainInterfaces.Streams;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.WebSockets;

/// <summary>Reconnecting with <c>last_seq</c> and <c>epoch</c>: everything missed, in order, then live, with no duplicate and never a silent gap.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ResumeTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task ResumeByQuery_DeliversTheMissedEventsInOrder_ThenLiveOnes_WithoutDuplicates()
    {
        var user = TestTimeouts.NewKey("u");
        var grain = Host.Client.GetGrain<IUserGrain>(user);
        var (first, _) = await WsClient.ConnectEventsAsync(Host, user);
        await grain.DepositAsync(1).WithTimeout();
        var seen = await first.NextOfTypeAsync("balance:update");
        var lastSeq = seen.GetProperty("seq").GetInt64();
        var epoch = seen.GetProperty("epoch").GetInt64();
        await first.DisposeAsync();

        // Missed while away.
        await grain.DepositAsync(2).WithTimeout();
        await grain.DepositAsync(3).WithTimeout();

        var (resumed, _) = await WsClient.ConnectEventsAsync(Host, user, $"?last_seq={lastSeq}&epoch={epoch}");
        await using var _1 = resumed;
        await grain.DepositAsync(4).WithTimeout();

        var balances = new List<long>();
        var seqs = new List<long>();
        while (balances.Count < 3)
        {
            var m = await resumed.NextOfTypeAsync("balance:update");
            balances.Add(m.GetProperty("data").GetProperty("balance").GetInt64());
            seqs.Add(m.GetProperty("seq").GetInt64());
        }

        Assert.Equal([3L, 6L, 10L], balances);
        Assert.True(seqs[0] > lastSeq);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.DoesNotContain(resumed.Received, m => m.GetProperty("type").GetString() == "balance:update" && m.GetProperty("seq").GetInt64() <= lastSeq);
    }

    [Fact]
    public async Task ResumeByFirstMessage_DeliversTheMissedEvents()
    {
        var user = TestTimeouts.NewKey("u");
        var grain = Host.Client.GetGrain<IUserGrain>(user);
        var (first, established) = await WsClient.ConnectEventsAsync(Host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        var lastSeq = established.GetProperty("data").GetProperty("seq").GetInt64();
        await first.DisposeAsync();
        await grain.CreateNotificationAsync("Missed", "while away").WithTimeout();

        var (resumed, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = resumed;
        await resumed.SendAsync(new { type = "resume", data = new { last_seq = lastSeq, epoch } });
        var missed = await resumed.NextOfTypeAsync("notification");
        Assert.Equal("Missed", missed.GetProperty("data").GetProperty("title").GetString());

        // A second resume comes too late.
        await resumed.SendAsync(new { type = "resume", id = "again", data = new { last_seq = 0, epoch } });
        var error = await resumed.NextOfTypeAsync("error");
        Assert.Equal("resume_too_late", error.GetProperty("data").GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task ResumeFromAnotherEpoch_GetsResyncRequired_WithTheCurrentPosition_ThenLiveEvents()
    {
        var user = TestTimeouts.NewKey("u");
        var (probe, established) = await WsClient.ConnectEventsAsync(Host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        await probe.DisposeAsync();

        var (resumed, _) = await WsClient.ConnectEventsAsync(Host, user, $"?last_seq=5&epoch={epoch - 1}");
        await using var _1 = resumed;
        var resync = await resumed.NextOfTypeAsync("resync_required");
        var data = resync.GetProperty("data");
        Assert.Equal("epoch_changed", data.GetProperty("reason").GetString());
        Assert.Equal(epoch, data.GetProperty("epoch").GetInt64());

        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(7).WithTimeout();
        var live = await resumed.NextOfTypeAsync("balance:update");
        Assert.True(live.GetProperty("seq").GetInt64() > data.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task ResumeFromASeqAheadOfTheStream_GetsResyncRequired()
    {
        var user = TestTimeouts.NewKey("u");
        var (probe, established) = await WsClient.ConnectEventsAsync(Host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        await probe.DisposeAsync();

        var (resumed, _) = await WsClient.ConnectEventsAsync(Host, user, $"?last_seq=100000&epoch={epoch}");
        await using var _1 = resumed;
        var resync = await resumed.NextOfTypeAsync("resync_required");
        Assert.Equal("history_trimmed", resync.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Replay_SkipsEphemeralEvents_ButKeepsDurableOnes()
    {
        var user = TestTimeouts.NewKey("u");
        var (first, established) = await WsClient.ConnectEventsAsync(Host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        await first.DisposeAsync();

        using var http = Host.As(user);
        var library = await LibrarySetup.CreateAsync(http);
        await LibrarySetup.AddGameAsync(http, library, "Disco Elysium", 91, genres: ["RPG"]);
        var conversation = TestTimeouts.NewKey("conv");
        var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        await using var _p = probe;
        await Host.Client.GetGrain<GrainInterfaces.Conversations.IConversationGrain>(conversation).SendMessageAsync(new GrainInterfaces.Conversations.ChatMessageRequest
        {
            UserId = user, MessageId = "m1", Message = "How many games do I have?", LibraryId = library,
        }).WithTimeout();
        await probe.WaitForAsync("ai_chat_response_complete", _ => true);

        var (resumed, _) = await WsClient.ConnectEventsAsync(Host, user, $"?last_seq=0&epoch={epoch}");
        await using var _1 = resumed;
        await resumed.NextOfTypeAsync("ai_chat_response_complete");
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(1).WithTimeout();
        await resumed.NextOfTypeAsync("balance:update");
        var types = resumed.Received.Select(m => m.GetProperty("type").GetString()).ToList();
        Assert.Contains("game_added", types);
        Assert.DoesNotContain("ai_chat_response_chunk", types);
        Assert.DoesNotContain("ai_thinking", types);
    }

    [Fact]
    public async Task EphemeralEvents_TakeNoRoomInTheHistory_SoTheDurableOnesAroundThemStillResume()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Streams:HistoryCapacity"] = "8" });
        var user = TestTimeouts.NewKey("u");
        var (first, established) = await WsClient.ConnectEventsAsync(host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        var seq = established.GetProperty("data").GetProperty("seq").GetInt64();
        await first.DisposeAsync();

        // Missed while away: two deposits with twenty chunks of an AI answer between them, more than the history
        // holds (with the presence events of the two sockets, fewer than eight replayable events in all); before
        // chunks opted out of the history, they evicted the first deposit and the resume was refused.
        var grain = host.Client.GetGrain<IUserGrain>(user);
        await grain.DepositAsync(1).WithTimeout();
        var stream = host.Client.GetStreamProvider(UserStreams.ProviderName).GetStream<Envelope>(UserStreams.ForUser(user));
        for (var i = 0; i < 20; i++)
        {
            await stream.OnNextAsync(Envelope.Create(new AiChatResponseChunkData("c1", "m1", $"chunk {i}", false, i), DateTimeOffset.UtcNow)).WithTimeout();
        }

        await grain.DepositAsync(2).WithTimeout();

        var (resumed, _) = await WsClient.ConnectEventsAsync(host, user, $"?last_seq={seq}&epoch={epoch}");
        await using var _1 = resumed;
        var balances = new List<long>();
        while (balances.Count < 2)
        {
            var m = await resumed.NextOfTypeAsync("balance:update");
            balances.Add(m.GetProperty("data").GetProperty("balance").GetInt64());
        }

        await grain.DepositAsync(4).WithTimeout();
        var live = await resumed.NextOfTypeAsync("balance:update");
        var types = resumed.Received.Select(m => m.GetProperty("type").GetString()).ToList();
        Assert.Equal([1L, 3L], balances);
        Assert.Equal(7, live.GetProperty("data").GetProperty("balance").GetInt64());
        Assert.DoesNotContain("resync_required", types);
        Assert.DoesNotContain("ai_chat_response_chunk", types);
    }

    [Fact]
    public async Task ResumeMessage_WithEvents_FiltersTheReplay()
    {
        var user = TestTimeouts.NewKey("u");
        var grain = Host.Client.GetGrain<IUserGrain>(user);
        var (first, established) = await WsClient.ConnectEventsAsync(Host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        await first.DisposeAsync();
        await grain.DepositAsync(9).WithTimeout();
        await grain.CreateNotificationAsync("Only", "this one").WithTimeout();

        var (resumed, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = resumed;
        await resumed.SendAsync(new { type = "resume", data = new { last_seq = 0, epoch, events = new[] { "notifications" } } });
        var skipped = new List<JsonElement>();
        await resumed.NextOfTypeAsync("notification", skipped);
        Assert.DoesNotContain(skipped, m => m.GetProperty("type").GetString() == "balance:update");
    }

    [Fact]
    public async Task ResumeWithTheOldSessionId_KeepsExcludingWhatThatSessionCaused()
    {
        var user = TestTimeouts.NewKey("u");
        var grain = Host.Client.GetGrain<IUserGrain>(user);
        var (first, established) = await WsClient.ConnectEventsAsync(Host, user);
        var data = established.GetProperty("data");
        var sessionId = data.GetProperty("session_id").GetString();
        var epoch = data.GetProperty("epoch").GetInt64();
        await first.DisposeAsync();

        // The old session changed the avatar (and was excluded from that event) just before it dropped.
        await grain.SetAppearanceAsync("app", "avatar", "av-1", sessionId).WithTimeout();
        await grain.DepositAsync(1).WithTimeout();

        var (resumed, again) = await WsClient.ConnectEventsAsync(Host, user, $"?last_seq=0&epoch={epoch}&session_id={sessionId}");
        await using var _1 = resumed;
        Assert.Equal(sessionId, again.GetProperty("data").GetProperty("session_id").GetString());
        var skipped = new List<JsonElement>();
        await resumed.NextOfTypeAsync("balance:update", skipped);
        Assert.DoesNotContain(skipped, m => m.GetProperty("type").GetString() == "appearance_updated");
    }
}
