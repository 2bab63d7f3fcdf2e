namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>A game to add (see <see cref="LibraryLimits"/> for the limits). Null fields are unknown.</summary>
public sealed record GameInput
{
    /// <summary>The id to use; null lets the library assign one. An id already in the library is refused (<c>game_exists</c>).</summary>
    public string? GameId { get; init; }

    public required string Title { get; init; }

    public string? Developer { get; init; }

    public IReadOnlyList<string>? Genres { get; init; }

    public string? CoverImageUrl { get; init; }

    public int? Metacritic { get; init; }

    public long? TotalPlaytimeMinutes { get; init; }

    public DateTimeOffset? LastPlayedAt { get; init; }

    /// <summary>The platform's id; an id already used by another game of the library is refused (<c>game_exists</c>).</summary>
    public string? PlatformGameId { get; init; }
}
