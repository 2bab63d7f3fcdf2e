using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Platforms.Demo;
using OrleansRealtime.Grains.Tests.Sync;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Review;

/// <summary>A sync operation whose state write fails must not go on from memory that storage never saw.</summary>
public sealed class SyncStorageFailureTests
{
    private static Task<SyncTestCluster> StartAsync(FaultyStorage storage, string catalogSize = "12") =>
        SyncTestCluster.StartAsync(configure: b => b
            .WithSetting("Realtime:Platforms:Demo:CatalogSize", catalogSize)
            .ConfigureSilo(s => s.Services.AddKeyedSingleton<IGrainStorage>("Default", storage)));

    [Fact]
    public async Task A_start_whose_write_failed_leaves_no_operation_behind_and_its_watchdog_starts_nothing()
    {
        var storage = new FaultyStorage();
        await using var sync = await StartAsync(storage);
        var (library, _, _, probe) = await sync.NewLibraryAsync();
        await using var _p = probe;

        storage.FailWrite = (id, _) => id.Type == "sync-operation";
        await Assert.ThrowsAsync<GrainStorageException>(() => library.StartSyncAsync(new SyncRequest())).WithTimeout();
        storage.FailWrite = null;
        var failed = Assert.Single(storage.FailedWrites);

        // The caller was told the start failed and the library is free: the operation must not exist.
        Assert.Null((await library.GetInfoAsync().WithTimeout())!.RunningSyncOperationId);
        Assert.Null(await sync.Operation(failed.Key).GetStateAsync().WithTimeout());

        // Its watchdog fires and finds nothing to run; a new start is the only sync.
        sync.Time.Advance(SyncTestCluster.Watchdog);
        var second = await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        await probe.WaitForAsync("sync_completed");
        Assert.Null(await sync.Operation(failed.Key).GetStateAsync().WithTimeout());
        Assert.All(probe.Received.Where(e => e.Type.StartsWith("sync_", StringComparison.Ordinal)),
            e => Assert.Equal(second.OperationId, e.Data.GetProperty("operation_id").GetString()));
    }

    [Fact]
    public async Task A_terminal_write_that_fails_does_not_lose_the_terminal_event()
    {
        var storage = new FaultyStorage();
        await using var sync = await StartAsync(storage, catalogSize: "3");
        var (library, _, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;
        var start = await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        var operation = sync.Operation(start.OperationId);

        // The write that would record the end fails once.
        var finishedAt = "\"finishedAt\":null";
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        storage.FailWrite = (id, json) => id.Key == start.OperationId && !json.Contains(finishedAt, StringComparison.Ordinal) && failed.TrySetResult();
        await sync.StepAsync(failed.Task, maxSteps: 3);
        await failed.Task.WithTimeout();
        storage.FailWrite = null;
        await DroppedAsync(sync, start.OperationId);

        // The watchdog brings the operation back from storage, and it ends with exactly one terminal event.
        sync.Time.Advance(SyncTestCluster.Watchdog);
        await sync.StepAsync(probe.WaitForAsync("sync_completed"));
        var done = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        Assert.Equal(3, done.GamesProcessed);
        Assert.Equal(SyncStatus.Completed, (await operation.GetStateAsync().WithTimeout())!.Status);
        Assert.Null((await library.GetInfoAsync().WithTimeout())!.RunningSyncOperationId);
        Assert.Single(probe.OfType("sync_completed"));
        Assert.Empty(probe.OfType("sync_failed"));
    }

    [Fact]
    public async Task A_library_that_fails_while_the_plan_is_read_gets_the_whole_plan_read_again_on_the_retry()
    {
        var storage = new FaultyStorage();
        var gated = new GatedPlatform.Shared();
        await using var sync = await SyncTestCluster.StartAsync(configure: b => b
            .WithSetting("Realtime:Platforms:Demo:CatalogSize", "6")
            .ConfigureSilo(s =>
            {
                s.Services.AddKeyedSingleton<IGrainStorage>("Default", storage);
                s.Services.AddSingleton<IGamePlatform>(sp => new GatedPlatform(sp.GetRequiredService<DemoGamePlatform>(), gated));
            }));
        var (library, libraryId, _, probe) = await sync.NewLibraryAsync(GatedPlatform.PlatformName);
        await using var _p = probe;
        var start = await library.StartSyncAsync(new SyncRequest { OperationType = SyncOperationTypes.IncrementalSync }).WithTimeout();
        await gated.ListEntered.WaitAsync().WithTimeout();

        // While the list is read, the library goes away and cannot come back once: the playtimes call fails.
        await sync.Cluster.DeactivateGrainAsync(new GrainId("library", libraryId)).WithTimeout();
        var readFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        storage.FailRead = id => id.Type == "library" && readFailed.TrySetResult();
        gated.ListGate.Release();
        await readFailed.Task.WithTimeout();

        // The retry reads the list again (and only then announces the start), so the run is complete.
        await gated.ListEntered.WaitAsync().WithTimeout();
        gated.ListGate.Release();
        var done = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        var started = Assert.Single(probe.OfType("sync_started")).DataAs<SyncStartedData>();
        Assert.Equal((6, 6, 6), (started.TotalGamesToProcess, done.GamesProcessed, done.GamesAdded));
        Assert.Equal(1, done.ErrorsCount);
        var info = (await sync.Operation(start.OperationId).GetStateAsync().WithTimeout())!;
        Assert.Equal((SyncStatus.Completed, 6), (info.Status, info.GamesTotal));
    }

    [Fact]
    public async Task A_batch_merged_again_after_its_checkpoint_was_lost_still_counts_its_added_games()
    {
        var storage = new FaultyStorage();
        await using var sync = await StartAsync(storage, catalogSize: "7");
        var (library, _, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;
        var start = await library.StartSyncAsync(new SyncRequest()).WithTimeout();

        // The library merges games 1..5, then the operation's checkpoint write fails once: the operation is
        // dropped and its successor reads (and merges) games 1..5 again.
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        storage.FailWrite = (id, json) => id.Key == start.OperationId && json.Contains("\"gamesProcessed\":5", StringComparison.Ordinal) && failed.TrySetResult();
        await sync.StepAsync(failed.Task, maxSteps: 5);
        await failed.Task.WithTimeout();
        storage.FailWrite = null;
        await DroppedAsync(sync, start.OperationId);
        sync.Time.Advance(SyncTestCluster.Watchdog);
        await sync.StepAsync(probe.WaitForAsync("sync_completed"));

        var done = (await probe.WaitForAsync("sync_completed")).DataAs<SyncCompletedData>();
        Assert.Equal(7, probe.OfType("game_added").Count);
        Assert.Equal((7, 7, 0), (done.GamesProcessed, done.GamesAdded, done.GamesUpdated));
        Assert.Equal(7, done.Summary.NewGames.Count);
        Assert.Equal(7, (await library.GetInfoAsync().WithTimeout())!.GameCount);
    }

    /// <summary>
    /// Waits until the activation whose write failed is gone (it drops itself once idle; a watchdog tick it
    /// still received would be a no-op there and the next tick would come only one period later).
    /// </summary>
    private static Task DroppedAsync(SyncTestCluster sync, string operationId) =>
        sync.Cluster.DeactivateGrainAsync(new GrainId("sync-operation", operationId)).WithTimeout();
}
