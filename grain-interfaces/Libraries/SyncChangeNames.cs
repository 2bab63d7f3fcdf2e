namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>The change names of <c>sync_completed.summary.updated_games[].changes</c>.</summary>
public static class SyncChangeNames
{
    public const string PlaytimeUpdated = "playtime_updated";

    public const string LastPlayedUpdated = "last_played_updated";

    public const string AchievementUnlocked = "achievement_unlocked";

    public const string DetailsUpdated = "details_updated";
}
