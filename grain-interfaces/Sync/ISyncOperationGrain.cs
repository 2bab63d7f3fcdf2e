using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>
/// One sync of a library from a game platform (key: operation id, assigned by
/// <see cref="Libraries.ILibraryGrain.StartSyncAsync"/>, which is the normal way to start one). It publishes, in
/// this order, to the library owner's stream: <c>sync_started</c>, <c>sync_progress</c> (throttled, conflatable
/// per operation), any <c>sync_rate_limited</c>, and exactly one terminal <c>sync_completed</c> or
/// <c>sync_failed</c>. Progress is checkpointed in state and a durable reminder keeps the operation alive, so a
/// sync interrupted by a silo restart or a rate limit resumes from its checkpoint. The library is freed before
/// the terminal event is published, so a client reacting to it can start the next sync at once.
/// </summary>
public interface ISyncOperationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the operation and returns once it is persisted and scheduled (the work runs in later turns).
    /// Repeating it is a no-op; a start with a different library throws <c>operation_exists</c> (409).
    /// </summary>
    Task<SyncOperationInfo> StartAsync(SyncStartRequest request);

    /// <summary>The operation's status, counters and checkpoint, or null when it was never started. Answers even while a batch runs.</summary>
    [AlwaysInterleave]
    Task<SyncOperationInfo?> GetStateAsync();

    /// <summary>
    /// Stops a running or rate-limited operation: publishes <c>sync_failed</c> with error_code <c>SYNC_CANCELLED</c>
    /// and frees the library. Cancelling an operation that already ended returns its final state unchanged.
    /// </summary>
    Task<SyncOperationInfo> CancelAsync();
}
