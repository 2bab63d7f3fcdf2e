namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>
/// A game a sync changed. <see cref="Changes"/> names what changed, as in <c>sync_completed.summary</c>:
/// <see cref="SyncChangeNames"/> (<c>playtime_updated</c>, <c>achievement_unlocked</c>…).
/// </summary>
public sealed record UpdatedGame(string GameId, string Title, string PlatformGameId, IReadOnlyList<string> Changes);
