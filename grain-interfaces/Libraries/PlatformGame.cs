namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>A game as a platform reports it, the input of <see cref="ILibraryGrain.ApplyPlatformGamesAsync"/>.</summary>
public sealed record PlatformGame
{
    public required string PlatformGameId { get; init; }

    public required string Title { get; init; }

    public string? Developer { get; init; }

    public IReadOnlyList<string> Genres { get; init; } = [];

    public string? CoverImageUrl { get; init; }

    public int? Metacritic { get; init; }

    public long TotalPlaytimeMinutes { get; init; }

    public DateTimeOffset? LastPlayedAt { get; init; }

    /// <summary>The achievements the player has unlocked (each with its <see cref="Achievement.UnlockedAt"/>).</summary>
    public IReadOnlyList<Achievement> Achievements { get; init; } = [];
}
