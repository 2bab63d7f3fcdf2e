using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Review;

/// <summary>
/// Review findings about ReminderService: the periodic refresh applies a snapshot of the table that may be
/// older than a register or unregister that completed while the refresh was reading.
/// </summary>
public sealed class ReminderServiceReviewTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly GatedReminderTable _table = new();
    private readonly InProcessTestCluster _cluster;

    public ReminderServiceReviewTests() =>
        _cluster = TestClusters.Builder()
            .UseTimeProvider(_time)
            .WithSetting("Realtime:Reminders:MinimumReminderPeriod", "00:00:05")
            .WithSetting("Realtime:Reminders:RefreshPeriod", "00:01:00")
            .ConfigureSilo(silo => silo.Services.AddSingleton<IReminderTable>(_table))
            .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task UnregisteredReminder_IsNotRevivedByARefreshThatReadTheTableBefore()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<IReminderGrain>(key);
        await grain.Register("r", TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(10)).WithTimeout();

        var reading = _table.HoldNextRefresh();
        await Task.Run(() => _time.Advance(TimeSpan.FromSeconds(60))).WithTimeout(); // refresh reads the row, then holds
        await reading.WithTimeout();
        await grain.Unregister("r").WithTimeout();
        _table.Open(); // the refresh applies its stale snapshot

        await Task.Run(() => _time.Advance(TimeSpan.FromSeconds(40))).WithTimeout(); // past the 90 s due time, before the next refresh
        Assert.Empty(await grain.List().WithTimeout()); // queued behind any reminder tick
        Assert.Equal(0, Counters.Get($"reminder:{key}:r"));
    }

    [Fact]
    public async Task NewReminder_IsNotDroppedByARefreshThatReadTheTableBefore()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<IReminderGrain>(key);

        var reading = _table.HoldNextRefresh();
        await Task.Run(() => _time.Advance(TimeSpan.FromSeconds(60))).WithTimeout(); // refresh reads an empty table, then holds
        await reading.WithTimeout();
        await grain.Register("r", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10)).WithTimeout();
        _table.Open(); // the refresh applies its stale snapshot

        await Task.Run(() => _time.Advance(TimeSpan.FromSeconds(10))).WithTimeout();
        Assert.Equal(["r"], await grain.List().WithTimeout()); // queued behind the reminder tick
        Assert.Equal(1, Counters.Get($"reminder:{key}:r"));
    }
}
