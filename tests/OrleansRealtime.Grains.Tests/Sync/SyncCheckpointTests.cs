using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Sync;

public sealed class SyncCheckpointTests
{
    [Fact]
    public async Task A_sync_interrupted_by_a_silo_restart_continues_from_its_checkpoint_through_the_watchdog_reminder()
    {
        await using var sync = await SyncTestCluster.StartAsync(configure: b => b.WithSetting("Realtime:Platforms:Demo:CatalogSize", "20"));
        var (library, _, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;
        var start = await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        var operation = sync.Operation(start.OperationId);

        // Games 1..13 read; game 14 is being read. The checkpoint is at 10 (every 5 games).
        await sync.StepAsync(probe.WaitForAsync("sync_completed"), maxSteps: 13);
        await sync.Stepped.Waiting.WaitAsync().WithTimeout();
        var before = (await operation.GetStateAsync().WithTimeout())!;
        Assert.Equal((13, 10), (before.GamesProcessed, before.CheckpointIndex));
        var readsBefore = sync.Stepped.Reads.Count;

        await sync.Cluster.RestartSiloAsync().WithTimeout();
        var progressBefore = probe.OfType("sync_progress").Count;

        // Nothing calls the operation: its durable watchdog reminder brings it back.
        sync.Time.Advance(SyncTestCluster.Watchdog);
        await sync.StepAsync(probe.WaitForAsync("sync_completed"));

        var readsAfter = sync.Stepped.Reads.Skip(readsBefore).ToList();
        Assert.Equal([.. Enumerable.Range(11, 10).Select(n => (100_000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture))], readsAfter);
        Assert.Equal(2, sync.Stepped.ListReads.Count);
        var progressAfter = probe.OfType("sync_progress").Skip(progressBefore).Select(e => e.DataAs<SyncProgressData>()).ToList();
        Assert.NotEmpty(progressAfter);
        Assert.All(progressAfter, p => Assert.True(p.GamesProcessed > 10, $"games_processed went back to {p.GamesProcessed}"));
        var done = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        Assert.Equal((20, 20, 0), (done.GamesProcessed, done.GamesAdded, done.GamesUpdated));
        Assert.Single(probe.OfType("sync_started"));
        var info = (await library.GetInfoAsync().WithTimeout())!;
        Assert.Equal(20, info.GameCount);
        Assert.Null(info.RunningSyncOperationId);
    }

    [Fact]
    public async Task A_rate_limited_sync_survives_a_restart_and_still_resumes_when_the_wait_is_over()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var (library, _, _, probe) = await sync.NewLibraryAsync();
        await using var _p = probe;
        await library.StartSyncAsync(new SyncRequest { Demo = new DemoSyncSettings { CatalogSize = 9, RateLimitAtGame = 7, RetryAfterSeconds = 60 } }).WithTimeout();
        await probe.WaitForAsync("sync_rate_limited");

        await sync.Cluster.RestartSiloAsync().WithTimeout();
        sync.Time.Advance(TimeSpan.FromSeconds(60));

        var done = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        Assert.Equal((9, 9), (done.GamesProcessed, done.GamesAdded));
        Assert.Single(probe.OfType("sync_rate_limited"));
    }
}
