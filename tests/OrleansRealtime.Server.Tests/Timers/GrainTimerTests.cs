using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Timers;

public sealed class GrainTimerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    public GrainTimerTests() => _cluster = TestClusters.Builder().UseTimeProvider(_time).Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Timer_TicksAtItsPeriod_AndNeverOverlapsItself()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<ITimerGrain>(key);
        await grain.Start(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).WithTimeout();

        _time.Advance(TimeSpan.FromSeconds(1));
        await Signals.Wait($"tick:{key}:1");

        // The first tick is still running: however far the clock moves, no second tick starts.
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(Signals.Get($"tick:{key}:2").Task.IsCompleted);

        Signals.Set($"tick-release:{key}:1");
        // A normal call queues behind the tick's turn, and the timer re-arms as that turn ends.
        Assert.Equal(1, await grain.Ticks().WithTimeout());
        _time.Advance(TimeSpan.FromSeconds(1));
        await Signals.Wait($"tick:{key}:2");
        Signals.Set($"tick-release:{key}:2");

        Assert.False(Signals.Get($"overlap:{key}").Task.IsCompleted);
    }

    [Fact]
    public async Task TimerTick_DoesNotInterleaveWithRequests_ByDefault()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<ITimerGrain>(key);
        await grain.Start(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).WithTimeout();

        _time.Advance(TimeSpan.FromSeconds(1));
        await Signals.Wait($"tick:{key}:1");
        var call = grain.Ticks();

        // The interleaving probe runs now; had the normal call not been held back, it would have finished first.
        await grain.Probe().WithTimeout();
        Assert.False(call.IsCompleted);

        Signals.Set($"tick-release:{key}:1");
        Assert.Equal(1, await call.WithTimeout());
    }

    [Fact]
    public async Task InterleavingTimer_TicksWhileARequestIsRunning()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<ITimerGrain>(key);
        await grain.StartInterleaving(TimeSpan.FromSeconds(1)).WithTimeout();
        var hold = grain.Hold();
        await Signals.Wait($"holding:{key}");

        _time.Advance(TimeSpan.FromSeconds(1));

        await Signals.Wait($"interleaved-tick:{key}");
        Signals.Set($"hold-release:{key}");
        await hold.WithTimeout();
    }

    [Fact]
    public async Task Timer_IsDisposedOnDeactivation()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<ITimerGrain>(key);
        await grain.Start(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)).WithTimeout();
        await grain.Deactivate().WithTimeout();
        await Signals.Wait($"timer-gone:{key}");

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.False(Signals.Get($"tick:{key}:1").Task.IsCompleted);
        Assert.Equal(0, await grain.Ticks().WithTimeout());
    }
}
