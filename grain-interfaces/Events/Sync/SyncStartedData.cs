namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary><c>sync_started</c> (document 003): the platform's game list was read; processing begins.</summary>
public sealed record SyncStartedData(
    string OperationId,
    string LibraryId,
    string LibraryName,
    string OperationType,
    int EstimatedDurationMinutes,
    int TotalGamesToProcess);
