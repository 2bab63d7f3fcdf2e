namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>An achievement to unlock (see <see cref="LibraryLimits"/> for the limits).</summary>
public sealed record AchievementInput
{
    public required string AchievementId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? IconUrl { get; init; }

    public double? RarityPercentage { get; init; }

    public int? Points { get; init; }
}
