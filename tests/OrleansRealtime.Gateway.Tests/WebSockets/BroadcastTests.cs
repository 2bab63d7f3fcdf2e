using System.Text.Json;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;

namespace OrleansRealtime.Gateway.Tests.WebSockets;

/// <summary>System broadcasts reach every socket that wants them, carry no seq, honour notification_level, and are never replayed.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BroadcastTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    private ISystemGrain System => Host.Client.GetGrain<ISystemGrain>(SystemGrainKey.Global);

    [Fact]
    public async Task Announcement_ReachesWsAndNotificationSockets_WithoutSeq_ButNotTheChatChannel()
    {
        var user = TestTimeouts.NewKey("u");
        var token = Host.Tokens.Mint(new TokenRequest { Subject = user });
        var (ws, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = ws;
        await using var notifications = await WsClient.ConnectAsync(Host, $"/ws/notifications/{user}", token);
        await using var chat = await WsClient.ConnectAsync(Host, $"/ws/assistant/app/chat-1/{user}", token);
        await notifications.NextAsync();
        await chat.NextAsync();

        var text = "Maintenance in 10 minutes " + Guid.NewGuid().ToString("N");
        await System.SendAnnouncementAsync(text).WithTimeout();

        foreach (var socket in new[] { ws, notifications })
        {
            var announcement = await socket.NextOfTypeAsync("system_announcement");
            Assert.Equal(text, announcement.GetProperty("data").GetProperty("message").GetString());
            Assert.False(announcement.TryGetProperty("seq", out _));
            Assert.False(announcement.TryGetProperty("epoch", out _));
        }

        // The chat channel's next message is its own chat's, not the announcement.
        await chat.SendAsync(new { type = "ping", id = "after" });
        var skipped = new List<JsonElement>();
        await chat.NextOfTypeAsync("pong", skipped);
        Assert.DoesNotContain(skipped, m => m.GetProperty("type").GetString() == "system_announcement");
    }

    [Fact]
    public async Task NotificationLevelFilter_SelectsSystemNotificationsByLevel()
    {
        var user = TestTimeouts.NewKey("u");
        var (ws, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _1 = ws;
        await ws.SendAsync(new { type = "subscribe", id = "s", data = new { events = new[] { "system" }, filters = new { notification_level = new[] { "error" } } } });
        await ws.NextOfTypeAsync("subscribed");

        var marker = Guid.NewGuid().ToString("N");
        await System.SendNotificationAsync(new SystemNotificationData { Level = "info", Title = "info " + marker, Message = "ignored" }).WithTimeout();
        await System.SendNotificationAsync(new SystemNotificationData { Level = "error", Title = "error " + marker, Message = "shown" }).WithTimeout();

        var skipped = new List<JsonElement>();
        JsonElement shown;
        do
        {
            shown = await ws.NextOfTypeAsync("system_notification", skipped);
        }
        while (!shown.GetProperty("data").GetProperty("title").GetString()!.EndsWith(marker, StringComparison.Ordinal));

        Assert.Equal("error", shown.GetProperty("data").GetProperty("level").GetString());
    }

    [Fact]
    public async Task Broadcasts_AreNeverReplayed()
    {
        var user = TestTimeouts.NewKey("u");
        var (first, established) = await WsClient.ConnectEventsAsync(Host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        await first.DisposeAsync();
        var text = "While away " + Guid.NewGuid().ToString("N");
        await System.SendAnnouncementAsync(text).WithTimeout();

        var (resumed, _) = await WsClient.ConnectEventsAsync(Host, user, $"?last_seq=0&epoch={epoch}");
        await using var _1 = resumed;
        await resumed.SendAsync(new { type = "ping", id = "p" });
        await resumed.NextOfTypeAsync("pong");
        Assert.DoesNotContain(resumed.Received, m => m.GetProperty("type").GetString() == "system_announcement"
            && m.GetProperty("data").GetProperty("message").GetString() == text);
    }
}
