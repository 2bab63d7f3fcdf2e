using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary><c>sync_completed</c> (document 003): the terminal event of a successful sync, with what it changed.</summary>
public sealed record SyncCompletedData(
    string OperationId,
    string LibraryId,
    SyncStatus Status,
    double DurationMinutes,
    int GamesProcessed,
    int GamesAdded,
    int GamesUpdated,
    int GamesRemoved,
    int ErrorsCount,
    SyncSummaryData Summary);
