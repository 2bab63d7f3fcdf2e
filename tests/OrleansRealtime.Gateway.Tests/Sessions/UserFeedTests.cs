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

    [Fact]
    public async Task PresenceTimer_ChecksThePosition_SoAnItemLostBeforeTheStreamWentQuietIsRepaired()
    {
        var feed = new UserFeed("u1", _harness.Stream, _harness.Services, NullLogger.Instance);
        await feed.Ready.WithTimeout();
        var session = _harness.Connect();
        Assert.True(feed.TryAdd(session));
        session.GoLive(_harness.Stream.Position);
        var first = _harness.Stream.Publish(TestEvents.Notification("1"));
        await feed.OnNextAsync(first.Envelope, first.Token);
        _harness.Stream.Publish(TestEvents.Notification("2")); // the rendezvous could not deliver it, and nothing follows

        _harness.Time.Advance(_harness.Options.PresenceRenewalPeriod);
        await session.WaitForSeqAsync(2);

        var frames = await session.FinishAsync();
        Assert.Equal([1L, 2L], frames.Select(f => f.Seq!.Value));
    }
}
