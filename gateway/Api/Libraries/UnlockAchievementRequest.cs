namespace OrleansRealtime.Gateway.Api.Libraries;

/// <summary>Body of <c>POST /api/libraries/{libraryId}/games/{gameId}/achievements</c>.</summary>
public sealed record UnlockAchievementRequest
{
    public required string AchievementId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? IconUrl { get; init; }

    /// <summary>Share of players who unlocked it, 0..100.</summary>
    public double? RarityPercentage { get; init; }

    public int? Points { get; init; }

    /// <summary>When it was unlocked; default now.</summary>
    public DateTimeOffset? UnlockedAt { get; init; }
}
