using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserPresenceLeaseTests
{
    private static SessionInfo Session(string id) => new() { SessionId = id, Device = "browser", Protocol = "ws", Gateway = "gw-1" };

    [Fact]
    public async Task Sessions_not_renewed_within_the_lease_expire_and_a_typing_one_stops_typing()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await DomainCluster.StartAsync(time, UserCluster.LongClientLeases);
        var userId = TestTimeouts.NewKey("user");
        await using var probe = await StreamProbe.ForUserAsync(cluster.Client, userId);
        var user = cluster.Client.GetGrain<IUserGrain>(userId);
        await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();
        await user.ConnectSessionAsync(Session("sess-b")).WithTimeout();
        await user.SetTypingAsync("sess-b", true).WithTimeout();

        time.Advance(TimeSpan.FromMinutes(1));
        var renewed = await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(2), renewed.Sessions.Single(s => s.SessionId == "sess-a").ExpiresAt);

        time.Advance(TimeSpan.FromMinutes(1)); // sess-b's lease (2 min) ends; sess-a was renewed
        var expiredB = await probe.WaitForAsync("presence_updated", e => e.DataAs<PresenceUpdatedData>().Change == "expired");

        Assert.Equal("sess-b", expiredB.DataAs<PresenceUpdatedData>().SessionId);
        Assert.Equal(["sess-a"], expiredB.DataAs<PresenceUpdatedData>().Sessions.Select(s => s.SessionId));
        var stopped = await probe.WaitForAsync("typing", e => !e.DataAs<TypingData>().IsTyping);
        Assert.Equal("sess-b", stopped.DataAs<TypingData>().SessionId);
        Assert.Equal(["sess-a"], (await user.GetPresenceAsync().WithTimeout()).Sessions.Select(s => s.SessionId));

        time.Advance(TimeSpan.FromMinutes(1)); // sess-a's renewed lease ends
        var last = await probe.WaitForAsync("presence_updated", e => e.DataAs<PresenceUpdatedData>() is { Change: "expired", SessionId: "sess-a" });

        Assert.False(last.DataAs<PresenceUpdatedData>().Online);
        Assert.False((await user.GetPresenceAsync().WithTimeout()).Online);
    }

    [Fact]
    public async Task The_lease_length_comes_from_configuration()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await DomainCluster.StartAsync(time, b =>
        {
            UserCluster.LongClientLeases(b);
            b.WithSetting("Realtime:Users:SessionLease", "00:00:30");
        });
        var user = cluster.Client.GetGrain<IUserGrain>(TestTimeouts.NewKey("user"));

        var presence = await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), Assert.Single(presence.Sessions).ExpiresAt);
    }

    [Fact]
    public async Task Presence_is_not_persisted_so_a_restart_forgets_it_until_the_gateways_renew()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await DomainCluster.StartAsync(time, UserCluster.LongClientLeases);
        var userId = TestTimeouts.NewKey("user");
        var user = cluster.Client.GetGrain<IUserGrain>(userId);
        await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();

        await cluster.RestartSiloAsync().WithTimeout();

        Assert.False((await user.GetPresenceAsync().WithTimeout()).Online);
        var renewed = await user.ConnectSessionAsync(Session("sess-a")).WithTimeout();
        Assert.True(renewed.Online);
    }
}
