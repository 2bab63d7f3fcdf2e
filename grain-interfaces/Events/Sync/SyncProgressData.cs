using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary>
/// <c>sync_progress</c> (document 003): throttled, and conflatable per <c>operation_id</c> (only the latest
/// matters). <c>rate_per_minute</c> and <c>estimated_completion</c> come from the games processed so far and
/// the time spent on them; <c>estimated_completion</c> is null until the rate is known.
/// </summary>
public sealed record SyncProgressData(
    string OperationId,
    string LibraryId,
    SyncStatus Status,
    int ProgressPercentage,
    int GamesProcessed,
    int GamesTotal,
    int GamesAdded,
    int GamesUpdated,
    CurrentGameData? CurrentGame,
    int RatePerMinute,
    DateTimeOffset? EstimatedCompletion,
    int ErrorsCount);
