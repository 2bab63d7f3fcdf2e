namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>Totals over a library.</summary>
public sealed record LibraryStats
{
    public int TotalGames { get; init; }

    public int UnplayedGames { get; init; }

    public long TotalPlaytimeMinutes { get; init; }

    /// <summary>Games per genre, keys as stored.</summary>
    public IReadOnlyDictionary<string, int> Genres { get; init; } = new Dictionary<string, int>();

    /// <summary>Mean over games with a score, rounded to one decimal; null when none has one.</summary>
    public double? AverageMetacritic { get; init; }

    public int AchievementsUnlocked { get; init; }

    /// <summary>Up to five games with the most playtime, most first.</summary>
    public IReadOnlyList<Game> MostPlayed { get; init; } = [];
}
