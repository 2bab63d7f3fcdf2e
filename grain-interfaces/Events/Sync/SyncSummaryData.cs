namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary>The <c>summary</c> of <c>sync_completed</c>: the games added and the games changed (with what changed).</summary>
public sealed record SyncSummaryData(
    IReadOnlyList<SyncNewGameData> NewGames,
    IReadOnlyList<SyncUpdatedGameData> UpdatedGames);
