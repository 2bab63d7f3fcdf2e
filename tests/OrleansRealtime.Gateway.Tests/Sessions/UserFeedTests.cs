using Microsoft.Extensions.Logging.Abstractions;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>The user feed's subscription and presence timer, which every session of a user shares.</summary>
public sealed class UserFeedTests : IDisposable
{
    private readonly SessionHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task CloseAsync_AfterTheSubscription_ReleasesItAndStopsRenewingPresence()
    {
        var feed = new UserFeed("u1", _harness.Stream, _harness.Services, NullLogger.Instance);
        await feed.Ready.WithTimeout();
        Assert.Equal(1, _harness.Time.ArmedTimerCount);

        await feed.CloseAsync().WithTimeout();

        Assert.True(Assert.Single(_harness.Stream.Subscriptions).Released);
        Assert.Equal(0, _harness.Time.ArmedTimerCount);
    }

    [Fact]
    public async Task CloseAsync_BeforeTheSubscriptionCompleted_ReleasesItAndLeavesNoPresenceTimer()
    {
        _harness.Stream.HoldSubscriptions();
        var feed = new UserFeed("u1", _harness.Stream, _harness.Services, NullLogger.Instance);

        var closing = feed.CloseAsync(); // the last session left (its client gave up) while subscribing
        _harness.Stream.ReleaseSubscriptions();
        await closing.WithTimeout();

        Assert.True(Assert.Single(_harness.Stream.Subscriptions).Released);
        Assert.Equal(0, _harness.Time.ArmedTimerCount);
    }
}
