using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Reminders;

public sealed class ReminderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    public ReminderTests() =>
        _cluster = TestClusters.Builder()
            .UseTimeProvider(_time)
            .WithSetting("Realtime:Reminders:MinimumReminderPeriod", "00:00:05")
            .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Reminder_TicksAtDueTimeThenEachPeriod()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<IReminderGrain>(key);
        await grain.Register("r", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)).WithTimeout();

        _time.Advance(TimeSpan.FromSeconds(10));
        var first = (TickStatus)(await Signals.Wait($"reminder:{key}:r:1"))!;
        // The service arms the next tick once the first tick's call has returned to it, which on a loaded machine can
        // come after a grain call made now; moving the clock before that would skip the tick.
        var deadline = DateTime.UtcNow + TestSupport.Timeout;
        while (!_time.HasTimerDueAt(first.CurrentTickTime + TimeSpan.FromSeconds(30)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The second tick was never armed.");
            await Task.Delay(10);
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        var second = (TickStatus)(await Signals.Wait($"reminder:{key}:r:2"))!;

        Assert.Equal(TimeSpan.FromSeconds(30), second.CurrentTickTime - first.CurrentTickTime);
        Assert.Equal(first.FirstTickTime, second.FirstTickTime);
    }

    [Fact]
    public async Task Reminder_FiresAfterSiloRestart_AndReactivatesItsGrain()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<IReminderGrain>(key);
        await grain.Register("durable", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)).WithTimeout();

        await _cluster.RestartSiloAsync().WithTimeout();
        _time.Advance(TimeSpan.FromMinutes(1));

        await Signals.Wait($"reminder:{key}:durable:1");
        Assert.Equal(["durable"], await grain.List().WithTimeout());
    }

    [Fact]
    public async Task UnregisteredReminder_StopsTicking()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<IReminderGrain>(key);
        await grain.Register("gone", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)).WithTimeout();
        await grain.Unregister("gone").WithTimeout();

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await grain.List().WithTimeout());
        Assert.Equal(0, Counters.Get($"reminder:{key}:gone"));
    }

    [Fact]
    public async Task PeriodBelowMinimum_IsRefused()
    {
        var grain = _cluster.Client.GetGrain<IReminderGrain>(TestSupport.NewKey());

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Register("fast", TimeSpan.Zero, TimeSpan.FromSeconds(1))).WithTimeout();
        Assert.Contains("minimum reminder period", ex.Message);
    }
}
