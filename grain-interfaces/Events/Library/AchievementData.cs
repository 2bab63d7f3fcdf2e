namespace OrleansRealtime.GrainInterfaces.Events.Library;

/// <summary>The <c>achievement</c> of <c>achievement_unlocked</c>.</summary>
public sealed record AchievementData(
    string AchievementId,
    string Title,
    string? Description,
    string? IconUrl,
    double? RarityPercentage,
    int? Points);
