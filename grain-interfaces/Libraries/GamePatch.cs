namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>
/// Changes to a game: a null field is left as it is (so a patch cannot clear a field). Limits as for
/// <see cref="GameInput"/>. Only fields whose value really changes appear in <c>game_updated.changes</c>.
/// </summary>
public sealed record GamePatch
{
    public string? Title { get; init; }

    public string? Developer { get; init; }

    public IReadOnlyList<string>? Genres { get; init; }

    public string? CoverImageUrl { get; init; }

    public int? Metacritic { get; init; }

    public long? TotalPlaytimeMinutes { get; init; }

    public DateTimeOffset? LastPlayedAt { get; init; }
}
