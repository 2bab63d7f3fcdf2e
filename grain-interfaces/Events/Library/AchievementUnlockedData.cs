namespace OrleansRealtime.GrainInterfaces.Events.Library;

/// <summary><c>achievement_unlocked</c> (document 003): published once per achievement of a game.</summary>
public sealed record AchievementUnlockedData(
    string LibraryId,
    string GameId,
    string GameTitle,
    AchievementData Achievement,
    DateTimeOffset UnlockedAt);
