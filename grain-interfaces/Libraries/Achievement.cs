namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>An unlocked achievement of a game.</summary>
public sealed record Achievement
{
    public required string AchievementId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? IconUrl { get; init; }

    /// <summary>Share of players who unlocked it, 0..100.</summary>
    public double? RarityPercentage { get; init; }

    public int? Points { get; init; }

    public required DateTimeOffset UnlockedAt { get; init; }
}
