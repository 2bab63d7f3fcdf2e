using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Messaging;

/// <summary>The one timer that times out every waiting call of an invoker, on a fake clock.</summary>
public sealed class ResponseTimeoutSweepTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ACall_TimesOutAtTheFirstSweepAfterItsDeadline_NeverBefore()
    {
        var sweep = new ResponseTimeoutSweep(_time, Timeout);
        var call = new Call();
        sweep.Track(call);

        _time.Advance(Timeout - TimeSpan.FromTicks(1));
        Assert.False(call.Expired);

        _time.Advance(sweep.Period);
        Assert.True(call.Expired);
        Assert.Equal(0, sweep.Waiting);
    }

    [Fact]
    public void TheDefaultTimeout_IsSweptOncePerSecond_AndAShortOneAtATenth()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new ResponseTimeoutSweep(_time, Timeout).Period);
        Assert.Equal(TimeSpan.FromMilliseconds(200), new ResponseTimeoutSweep(_time, TimeSpan.FromSeconds(2)).Period);
        Assert.Equal(TimeSpan.FromMilliseconds(100), new ResponseTimeoutSweep(_time, TimeSpan.FromMilliseconds(50)).Period);
    }

    [Fact]
    public void AnsweredCalls_LeaveTheSweep_AndTheTimerIsDisarmedWhenNoneWaits()
    {
        var sweep = new ResponseTimeoutSweep(_time, Timeout);
        var answered = new Call();
        var waiting = new Call();
        sweep.Track(answered);
        sweep.Track(waiting);
        Assert.Equal(1, _time.ArmedTimerCount);

        sweep.Untrack(answered);
        sweep.Untrack(answered); // a second outcome is ignored
        _time.Advance(Timeout + sweep.Period);

        Assert.False(answered.Expired);
        Assert.True(waiting.Expired);
        Assert.Equal(0, sweep.Waiting);
        Assert.Equal(0, _time.ArmedTimerCount);

        // A call after the sweep went quiet arms it again.
        var later = new Call();
        sweep.Track(later);
        Assert.Equal(1, _time.ArmedTimerCount);
        _time.Advance(Timeout + sweep.Period);
        Assert.True(later.Expired);
    }

    [Fact]
    public async Task CallsTrackedAndAnsweredOnManyThreads_AllLeaveTheSweep()
    {
        var sweep = new ResponseTimeoutSweep(_time, Timeout);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                var call = new Call();
                sweep.Track(call);
                sweep.Untrack(call);
            }
        }))).WithTimeout();

        Assert.Equal(0, sweep.Waiting);
    }

    [Fact]
    public async Task AHeldGrainCall_TimesOutWhenTheFakeClockPassesTheResponseTimeout()
    {
        await using var cluster = TestClusters.Builder().UseTimeProvider(_time)
            .WithSetting("Realtime:Messaging:ResponseTimeout", "00:00:30")
            .Build();
        await cluster.DeployAsync();
        var callId = TestSupport.NewKey("held");
        var held = cluster.Client.GetGrain<IGateGrain>(TestSupport.NewKey(), nameof(GateGrain)).Run(callId);
        await Signals.Wait($"entered:{callId}");

        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(held.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => held.WithTimeout());
        Assert.Contains("Run", ex.Message);

        // Let the grain finish, so the cluster can stop (its deactivation waits for the turn, on the fake clock).
        Signals.Set($"release:{callId}");
    }

    private sealed class Call : ITimedResponse
    {
        public bool Expired { get; private set; }

        public ITimedResponse? Previous { get; set; }

        public ITimedResponse? Next { get; set; }

        public ResponseTimeoutSweep.List? List { get; set; }

        public long Deadline { get; set; }

        public void Expire() => Expired = true;
    }
}
