namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>What one <see cref="ILibraryGrain.ApplyPlatformGamesAsync"/> batch changed, for the sync summary.</summary>
public sealed record ApplyPlatformGamesResult
{
    public IReadOnlyList<AddedGame> Added { get; init; } = [];

    public IReadOnlyList<UpdatedGame> Updated { get; init; } = [];

    /// <summary>Platform entries skipped because they broke a limit (an empty or oversize title…).</summary>
    public int Errors { get; init; }
}
