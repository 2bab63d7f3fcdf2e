namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>A game of a library. Under the event JSON options <see cref="GameId"/> is <c>game_id</c>, as in document 003.</summary>
public sealed record Game
{
    public required string GameId { get; init; }

    public required string Title { get; init; }

    public string? Developer { get; init; }

    public IReadOnlyList<string> Genres { get; init; } = [];

    public string? CoverImageUrl { get; init; }

    /// <summary>0..100, or null when unknown.</summary>
    public int? Metacritic { get; init; }

    /// <summary>Zero means unplayed.</summary>
    public long TotalPlaytimeMinutes { get; init; }

    public DateTimeOffset? LastPlayedAt { get; init; }

    /// <summary>Unlocked achievements, in unlock order.</summary>
    public IReadOnlyList<Achievement> Achievements { get; init; } = [];

    /// <summary>The platform's id of the game (Steam app id), which a sync matches on; null for a game added by hand without one.</summary>
    public string? PlatformGameId { get; init; }

    public DateTimeOffset AddedAt { get; init; }
}
