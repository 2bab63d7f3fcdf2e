using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Sync;
using OrleansRealtime.GrainInterfaces.Sync;
using OrleansRealtime.Grains.Tests.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Sync;

/// <summary>One running sync per library, cancellation, and requests refused before anything starts.</summary>
public sealed class SyncCoordinationTests
{
    [Fact]
    public async Task A_second_start_returns_the_running_operation_and_cancel_frees_the_library()
    {
        await using var sync = await SyncTestCluster.StartAsync(configure: b => b.WithSetting("Realtime:Platforms:Demo:CatalogSize", "10"));
        var (library, libraryId, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;

        var first = await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        await sync.Stepped.Waiting.WaitAsync().WithTimeout();
        var second = await library.StartSyncAsync(new SyncRequest { OperationType = "full_sync" }).WithTimeout();

        Assert.Equal(new StartSyncResult(first.OperationId, AlreadyRunning: true), second);
        Assert.Equal(first.OperationId, (await library.GetInfoAsync().WithTimeout())!.RunningSyncOperationId);

        // Cancel waits for the game being read (one more may start before it gets in), then ends the operation.
        sync.Stepped.Waiting.Release();
        var cancel = sync.Operation(first.OperationId).CancelAsync();
        await sync.StepAsync(cancel);
        var cancelled = await cancel.WithTimeout();

        Assert.Equal(SyncStatus.Cancelled, cancelled.Status);
        var failed = (await probe.WaitForAsync("sync_failed")).DataAs<SyncFailedData>();
        Assert.Equal(("SYNC_CANCELLED", SyncStatus.Failed, true, 10), (failed.ErrorCode, failed.Status, failed.CanRetry, failed.GamesTotal));
        Assert.InRange(failed.GamesProcessed, 1, 2);
        Assert.Equal(failed.GamesProcessed, (await library.GetInfoAsync().WithTimeout())!.GameCount);
        Assert.Equal(cancelled, await sync.Operation(first.OperationId).CancelAsync().WithTimeout());
        var third = await library.StartSyncAsync(new SyncRequest()).WithTimeout();
        Assert.False(third.AlreadyRunning);
        Assert.NotEqual(first.OperationId, third.OperationId);
        Assert.Equal(libraryId, (await sync.Operation(third.OperationId).GetStateAsync().WithTimeout())!.LibraryId);
    }

    [Fact]
    public async Task An_unknown_operation_has_no_state_and_cannot_be_cancelled()
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var operation = sync.Operation(TestTimeouts.NewKey("op"));

        Assert.Null(await operation.GetStateAsync().WithTimeout());
        var ex = await Assert.ThrowsAsync<DomainNotFoundException>(() => operation.CancelAsync().WithTimeout());
        Assert.Equal("operation_not_found", ex.ErrorCode);
    }

    public static TheoryData<SyncRequest, string> BadRequests => new()
    {
        { new SyncRequest { Platform = "gog" }, "unknown_platform" },
        { new SyncRequest { Platform = "steam" }, "platform_not_configured" },
        { new SyncRequest { Platform = "Steam!" }, "invalid_platform" },
        { new SyncRequest { OperationType = "everything" }, "invalid_operation_type" },
        { new SyncRequest { Platform = "stepped", Demo = new DemoSyncSettings { CatalogSize = 3 } }, "invalid_demo_settings" },
        { new SyncRequest { Demo = new DemoSyncSettings { CatalogSize = -1 } }, "invalid_demo_settings" },
        { new SyncRequest { Demo = new DemoSyncSettings { RetryAfterSeconds = 0 } }, "invalid_demo_settings" },
        { new SyncRequest { Demo = new DemoSyncSettings { FailAtGame = 0 } }, "invalid_demo_settings" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_start_request_is_refused_starts_nothing_and_publishes_nothing(SyncRequest request, string code)
    {
        await using var sync = await SyncTestCluster.StartAsync();
        var (library, _, _, probe) = await sync.NewLibraryAsync();
        await using var _p = probe;
        var before = probe.Received.Count;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => library.StartSyncAsync(request).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Null((await library.GetInfoAsync().WithTimeout())!.RunningSyncOperationId);
        await LibraryTestCluster.AssertNothingPublishedSinceAsync(library, probe, before);
    }

    [Fact]
    public async Task Starting_a_sync_of_a_library_never_created_is_library_not_found()
    {
        await using var sync = await SyncTestCluster.StartAsync();

        var ex = await Assert.ThrowsAsync<DomainNotFoundException>(() => sync.Library(TestTimeouts.NewKey("lib")).StartSyncAsync(new SyncRequest()).WithTimeout());

        Assert.Equal("library_not_found", ex.ErrorCode);
    }

    [Fact]
    public async Task An_incremental_sync_reads_only_games_whose_playtime_changed_and_a_full_sync_reads_all()
    {
        await using var sync = await SyncTestCluster.StartAsync(TimeSpan.FromMilliseconds(100), b => b.WithSetting("Realtime:Platforms:Demo:CatalogSize", "8"));
        var (library, _, _, probe) = await sync.NewLibraryAsync(SteppedPlatform.PlatformName);
        await using var _p = probe;
        await library.StartSyncAsync(new SyncRequest { OperationType = "full_sync" }).WithTimeout();
        await sync.StepAsync(probe.WaitForAsync("sync_completed"));
        var afterFirst = sync.Stepped.Reads.Count;

        var incremental = await library.StartSyncAsync(new SyncRequest { OperationType = "incremental_sync" }).WithTimeout();
        var incrementalDone = (await probe.WaitForAsync("sync_completed", e => e.DataAs<SyncCompletedData>().OperationId == incremental.OperationId)).DataAs<SyncCompletedData>();
        var afterIncremental = sync.Stepped.Reads.Count;
        var full = await library.StartSyncAsync(new SyncRequest { OperationType = "full_sync" }).WithTimeout();
        await sync.StepAsync(probe.WaitForAsync("sync_completed", e => e.DataAs<SyncCompletedData>().OperationId == full.OperationId));

        Assert.Equal(8, afterFirst);
        Assert.Equal(afterFirst, afterIncremental);
        Assert.Equal((8, 0, 0), (incrementalDone.GamesProcessed, incrementalDone.GamesAdded, incrementalDone.GamesUpdated));
        Assert.Equal(16, sync.Stepped.Reads.Count);
    }
}
