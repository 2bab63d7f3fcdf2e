using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Tests.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Sync;

public sealed class SyncProgressTests
{
    [Fact]
    public async Task Progress_is_throttled_to_one_per_interval_and_computed_from_real_counters()
    {
        // 40 games of 250 ms each: 10 s of platform time, a 1 s progress interval.
        await using var sync = await SyncTestCluster.StartAsync(TimeSpan.FromMilliseconds(250), b => b.WithSetting("Realtime:Platforms:Demo:CatalogSize", "40"));
        var (library, libraryId, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;
        var startedAt = sync.Time.GetUtcNow();

        var start = await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        await sync.StepAsync(probe.WaitForAsync("sync_completed"));

        var elapsed = sync.Time.GetUtcNow() - startedAt;
        Assert.Equal(TimeSpan.FromSeconds(10), elapsed);
        var progress = probe.OfType("sync_progress");
        Assert.InRange(progress.Count, 5, (int)(elapsed / TimeSpan.FromSeconds(1)) + 2);

        // At most one per interval: only the final one (right before sync_completed) may come sooner.
        for (var i = 1; i < progress.Count - 1; i++)
        {
            Assert.True(progress[i].Timestamp - progress[i - 1].Timestamp >= TimeSpan.FromSeconds(1), $"progress {i} came {progress[i].Timestamp - progress[i - 1].Timestamp} after the previous one");
        }

        var data = progress.Select(e => e.DataAs<SyncProgressData>()).ToList();
        Assert.All(data, d => Assert.Equal((start.OperationId, libraryId, SyncStatus.InProgress, 40), (d.OperationId, d.LibraryId, d.Status, d.GamesTotal)));
        Assert.Equal(data.Select(d => d.GamesProcessed).Order(), data.Select(d => d.GamesProcessed));
        Assert.Equal(40, data[^1].GamesProcessed);

        // Four games per second of platform time: 240 a minute, and the rest of the work at that pace.
        var first = data[0];
        Assert.Equal(4, first.GamesProcessed);
        Assert.Equal(240, first.RatePerMinute);
        Assert.Equal(first.GamesProcessed * 100 / 40, first.ProgressPercentage);
        Assert.Equal(progress[0].Timestamp + TimeSpan.FromSeconds(36 / 4.0), first.EstimatedCompletion);
        Assert.Equal("100004", first.CurrentGame!.PlatformGameId);
        Assert.Equal(0, first.ErrorsCount);
        DocumentShape.AssertMatchesDocument(progress[0]);
    }

    [Fact]
    public async Task Progress_follows_a_configured_interval_not_the_default_one()
    {
        // 50 games of 250 ms each (12.5 s of platform time) with a 5 s interval: progress after 5 s and 10 s,
        // then the final one. A hard-coded 1 s interval would send 13.
        await using var sync = await SyncTestCluster.StartAsync(TimeSpan.FromMilliseconds(250), b => b
            .WithSetting("Realtime:Platforms:Demo:CatalogSize", "50")
            .WithSetting("Realtime:Sync:ProgressInterval", "00:00:05"));
        var (library, _, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;
        var startedAt = sync.Time.GetUtcNow();

        await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        await sync.StepAsync(probe.WaitForAsync("sync_completed"));

        var progress = probe.OfType("sync_progress");
        Assert.Equal(
            [(TimeSpan.FromSeconds(5), 20), (TimeSpan.FromSeconds(10), 40), (TimeSpan.FromSeconds(12.5), 50)],
            progress.Select(e => (e.Timestamp - startedAt, e.DataAs<SyncProgressData>().GamesProcessed)));

        // 20 games in the first 5 s: 240 a minute.
        Assert.Equal(240, progress[0].DataAs<SyncProgressData>().RatePerMinute);
    }

    [Fact]
    public async Task The_running_state_is_readable_between_games()
    {
        await using var sync = await SyncTestCluster.StartAsync(configure: b => b.WithSetting("Realtime:Platforms:Demo:CatalogSize", "10"));
        var (library, _, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;

        var start = await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        await sync.StepAsync(probe.WaitForAsync("sync_completed"), maxSteps: 7);
        await sync.Stepped.Waiting.WaitAsync().WithTimeout();

        // Game 8 is being read: 7 processed, the checkpoint at 5, the state answers while the read waits.
        var state = (await sync.Operation(start.OperationId).GetStateAsync().WithTimeout())!;
        Assert.Equal((SyncStatus.InProgress, 7, 5, 10, 70), (state.Status, state.GamesProcessed, state.CheckpointIndex, state.GamesTotal, state.ProgressPercentage));
        sync.Stepped.Waiting.Release();
        await sync.StepAsync(probe.WaitForAsync("sync_completed"));
    }
}
