using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary>
/// <c>sync_rate_limited</c> (document 003): the platform refused more requests; with <c>auto_resume</c> true
/// the operation continues by itself from its checkpoint after <c>retry_after_seconds</c>.
/// </summary>
public sealed record SyncRateLimitedData(
    string OperationId,
    string LibraryId,
    SyncStatus Status,
    string Platform,
    int RetryAfterSeconds,
    int RequestsRemaining,
    DateTimeOffset WindowResetAt,
    bool AutoResume);
