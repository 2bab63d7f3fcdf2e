namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary>One entry of <c>summary.new_games</c>.</summary>
public sealed record SyncNewGameData(string Title, string GameId);
