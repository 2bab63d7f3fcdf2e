using OrleansRealtime.GrainInterfaces.Events.Library;
using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Tests.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Sync;

/// <summary>The demo platform driving each outcome of a sync: completed, failed, rate limited then resumed.</summary>
public sealed class SyncOutcomeTests
{
    [Fact]
    public async Task A_demo_sync_completes_adding_every_game_with_events_shaped_like_document_003()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var (library, libraryId, _, probe) = await sync.NewLibraryAsync(libraryId: "library-completes");
        await using var _p = probe;

        var start = await library.StartSyncAsync(new SyncRequest { OperationType = "full_sync", Demo = new DemoSyncSettings { CatalogSize = 30 } }).WithTimeout();

        Assert.False(start.AlreadyRunning);
        var completed = await probe.WaitForAsync("sync_completed");
        var started = SyncData<SyncStartedData>(probe, "sync_started");
        Assert.Equal(new SyncStartedData(start.OperationId, libraryId, "My Steam Library", "full_sync", 0, 30), started);
        DocumentShape.AssertMatchesDocument(LibraryTestCluster.Single(probe, "sync_started"));

        var done = completed.DataAs<SyncCompletedData>();
        Assert.Equal(SyncStatus.Completed, done.Status);
        Assert.Equal((30, 30, 0, 0, 0), (done.GamesProcessed, done.GamesAdded, done.GamesUpdated, done.GamesRemoved, done.ErrorsCount));
        Assert.Equal(30, done.Summary.NewGames.Count);
        Assert.Equal(probe.OfType("game_added").Select(e => e.DataAs<GameAddedData>().Game.GameId).Order(), done.Summary.NewGames.Select(g => g.GameId).Order());
        Assert.All(probe.OfType("game_added"), e => Assert.Equal(start.OperationId, e.DataAs<GameAddedData>().OperationId));

        // The last progress comes before the terminal event and says 100 %.
        var progress = probe.OfType("sync_progress").Select(e => e.DataAs<SyncProgressData>()).Last();
        Assert.Equal((100, 30, 30, 30), (progress.ProgressPercentage, progress.GamesProcessed, progress.GamesTotal, progress.GamesAdded));
        Assert.True(probe.Received.ToList().FindLastIndex(e => e.Type == "sync_progress") < probe.Received.ToList().FindIndex(e => e.Type == "sync_completed"));

        var info = (await library.GetInfoAsync().WithTimeout())!;
        Assert.Equal(30, info.GameCount);
        Assert.Null(info.RunningSyncOperationId);
        Assert.Equal(sync.Time.GetUtcNow(), info.LastSyncedAt);
        var state = (await sync.Operation(start.OperationId).GetStateAsync().WithTimeout())!;
        Assert.Equal((SyncStatus.Completed, 30, 30, 100), (state.Status, state.GamesProcessed, state.CheckpointIndex, state.ProgressPercentage));
        Assert.Empty(await sync.Cluster.ReminderTable.ReadRowsAsync(Abstractions.Grains.GrainKeyExtensions.GetGrainId(sync.Operation(start.OperationId))).WithTimeout());
    }

    [Fact]
    public async Task A_later_sync_reports_new_games_and_the_playtime_and_achievements_that_changed_meanwhile()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var (library, _, _, probe) = await sync.NewLibraryAsync(libraryId: "library-changes");
        await using var _p = probe;
        var demo = new DemoSyncSettings { CatalogSize = 40 };
        await library.StartSyncAsync(new SyncRequest { Demo = demo }).WithTimeout();
        await probe.WaitForAsync("sync_completed");

        // Demo games being played accrue playtime by the hour of the clock; meanwhile five games were bought.
        sync.Time.Advance(TimeSpan.FromDays(30));
        var second = await library.StartSyncAsync(new SyncRequest { Demo = demo with { CatalogSize = 45 } }).WithTimeout();
        var completed = await probe.WaitForAsync("sync_completed", e => e.DataAs<SyncCompletedData>().OperationId == second.OperationId);

        DocumentShape.AssertMatchesDocument(completed);
        var done = completed.DataAs<SyncCompletedData>();
        Assert.Equal(5, done.GamesAdded);
        Assert.Equal(5, done.Summary.NewGames.Count);
        Assert.True(done.GamesUpdated > 0, "The demo catalog of this library has games being played.");
        Assert.Equal(done.GamesUpdated, done.Summary.UpdatedGames.Count);
        Assert.All(done.Summary.UpdatedGames, g => Assert.Contains("playtime_updated", g.Changes));
        var updates = probe.OfType("game_updated").Select(e => e.DataAs<GameUpdatedData>()).ToList();
        Assert.Equal(done.GamesUpdated, updates.Count);
        Assert.All(updates, u =>
        {
            Assert.True(u.Changes["total_playtime_minutes"].New!.Value.GetInt64() > u.Changes["total_playtime_minutes"].Old!.Value.GetInt64());
            Assert.Equal(second.OperationId, u.OperationId);
        });
        var unlocked = probe.OfType("achievement_unlocked").Select(e => e.DataAs<AchievementUnlockedData>()).ToList();
        Assert.NotEmpty(unlocked);
        DocumentShape.AssertMatchesDocument(probe.OfType("achievement_unlocked")[0]);
        Assert.Equal(done.Summary.UpdatedGames.Count(g => g.Changes.Contains("achievement_unlocked")), unlocked.Select(a => a.GameId).Distinct().Count());
    }

    [Fact]
    public async Task A_persistent_503_fails_the_sync_after_the_retries_with_platform_api_error()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var (library, libraryId, _, probe) = await sync.NewLibraryAsync();
        await using var _p = probe;

        var start = await library.StartSyncAsync(new SyncRequest { Demo = new DemoSyncSettings { CatalogSize = 12, FailAtGame = 7 } }).WithTimeout();

        var envelope = await probe.WaitForAsync("sync_failed");
        DocumentShape.AssertMatchesDocument(envelope);
        var failed = envelope.DataAs<SyncFailedData>();
        Assert.Equal(start.OperationId, failed.OperationId);
        Assert.Equal(libraryId, failed.LibraryId);
        Assert.Equal(SyncStatus.Failed, failed.Status);
        Assert.Equal("PLATFORM_API_ERROR", failed.ErrorCode);
        Assert.Equal("Demo platform returned 503 Service Unavailable", failed.ErrorMessage);
        Assert.Equal((6, 12), (failed.GamesProcessed, failed.GamesTotal));
        Assert.True(failed.CanRetry);
        Assert.Equal(300, failed.RetryAfterSeconds);
        Assert.Equal(["Check Demo API status", "Verify API credentials", "Try again in 5 minutes"], failed.RecoverySuggestions);
        Assert.Empty(probe.OfType("sync_completed"));

        // The games read before the failure are kept, the library is free again, and 1 + 2 retries were made.
        Assert.Equal(6, (await library.GetInfoAsync().WithTimeout())!.GameCount);
        var state = (await sync.Operation(start.OperationId).GetStateAsync().WithTimeout())!;
        Assert.Equal((SyncStatus.Failed, 3, "PLATFORM_API_ERROR"), (state.Status, state.ErrorsCount, state.LastErrorCode));
        var next = await library.StartSyncAsync(new SyncRequest { Demo = new DemoSyncSettings { CatalogSize = 12 } }).WithTimeout();
        Assert.NotEqual(start.OperationId, next.OperationId);
        var resumed = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        Assert.Equal((12, 6, 0), (resumed.GamesProcessed, resumed.GamesAdded, resumed.GamesUpdated));
    }

    [Fact]
    public async Task A_503_that_recovers_within_the_retries_completes_and_counts_the_error()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var (library, _, _, probe) = await sync.NewLibraryAsync();
        await using var _p = probe;

        await library.StartSyncAsync(new SyncRequest { Demo = new DemoSyncSettings { CatalogSize = 8, FailAtGame = 3, FailTimes = 2 } }).WithTimeout();

        var done = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        Assert.Equal((8, 8, 2), (done.GamesProcessed, done.GamesAdded, done.ErrorsCount));
        Assert.Empty(probe.OfType("sync_failed"));
    }

    [Fact]
    public async Task A_rate_limited_sync_publishes_sync_rate_limited_and_resumes_by_reminder_from_its_checkpoint()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var (library, libraryId, _, probe) = await sync.NewLibraryAsync();
        await using var _p = probe;
        var limitedAt = sync.Time.GetUtcNow();

        var start = await library.StartSyncAsync(new SyncRequest { Demo = new DemoSyncSettings { CatalogSize = 12, RateLimitAtGame = 5, RetryAfterSeconds = 120 } }).WithTimeout();

        var envelope = await probe.WaitForAsync("sync_rate_limited");
        DocumentShape.AssertMatchesDocument(envelope);
        Assert.Equal(
            new SyncRateLimitedData(start.OperationId, libraryId, SyncStatus.RateLimited, "demo", 120, 0, limitedAt.AddSeconds(120), AutoResume: true),
            envelope.DataAs<SyncRateLimitedData>());
        var operation = sync.Operation(start.OperationId);
        var waiting = (await operation.GetStateAsync().WithTimeout())!;
        Assert.Equal((SyncStatus.RateLimited, 4, 4, limitedAt.AddSeconds(120)), (waiting.Status, waiting.GamesProcessed, waiting.CheckpointIndex, waiting.ResumeAt));
        var reminders = await sync.Cluster.ReminderTable.ReadRowsAsync(Abstractions.Grains.GrainKeyExtensions.GetGrainId(operation)).WithTimeout();
        Assert.Contains(reminders, r => r.ReminderName == "sync-resume");
        Assert.Equal(start.OperationId, (await library.GetInfoAsync().WithTimeout())!.RunningSyncOperationId);

        sync.Time.Advance(TimeSpan.FromSeconds(120));

        var done = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        Assert.Equal((12, 12, 0), (done.GamesProcessed, done.GamesAdded, done.ErrorsCount));
        Assert.Equal(2, done.DurationMinutes);
        Assert.Empty(probe.OfType("sync_failed"));
        Assert.All(probe.OfType("sync_progress"), p => Assert.True(p.DataAs<SyncProgressData>().GamesProcessed >= 4));
        Assert.Equal(12, (await library.GetInfoAsync().WithTimeout())!.GameCount);
        Assert.Empty(await sync.Cluster.ReminderTable.ReadRowsAsync(Abstractions.Grains.GrainKeyExtensions.GetGrainId(operation)).WithTimeout());
    }

    private static T SyncData<T>(StreamProbe probe, string type) => LibraryTestCluster.Single(probe, type).DataAs<T>();
}
