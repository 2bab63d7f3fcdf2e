using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary>
/// <c>sync_failed</c> (document 003): the terminal event of a sync that did not complete. <c>error_code</c> is
/// <c>PLATFORM_API_ERROR</c>, <c>PLATFORM_AUTH_ERROR</c>, <c>PLATFORM_NOT_CONFIGURED</c>, <c>LIBRARY_UNAVAILABLE</c>
/// or <c>SYNC_CANCELLED</c>; <c>retry_after_seconds</c> is null when there is no advice.
/// </summary>
public sealed record SyncFailedData(
    string OperationId,
    string LibraryId,
    SyncStatus Status,
    string ErrorCode,
    string ErrorMessage,
    int GamesProcessed,
    int GamesTotal,
    bool CanRetry,
    int? RetryAfterSeconds,
    IReadOnlyList<string> RecoverySuggestions);
