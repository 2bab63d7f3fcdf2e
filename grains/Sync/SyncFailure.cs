namespace OrleansRealtime.Grains.Sync;

/// <summary>Why an operation ended without completing: the fields of <c>sync_failed</c>.</summary>
internal sealed record SyncFailure(string Code, string Message, bool CanRetry, TimeSpan? RetryAfter, IReadOnlyList<string> Suggestions);
