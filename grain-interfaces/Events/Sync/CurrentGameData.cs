namespace OrleansRealtime.GrainInterfaces.Events.Sync;

/// <summary>The <c>current_game</c> of <c>sync_progress</c>: the game processed last.</summary>
public sealed record CurrentGameData(string Title, string PlatformGameId);
