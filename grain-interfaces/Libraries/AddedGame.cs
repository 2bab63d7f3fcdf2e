namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>A game a sync added.</summary>
public sealed record AddedGame(string GameId, string Title, string PlatformGameId);
