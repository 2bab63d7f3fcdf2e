using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Platforms.Demo;

/// <summary>
/// Generates a library's demo catalog. Everything derives from the library id and the game number, so the
/// same library always owns the same games. A few games are "being played": their playtime grows by whole
/// minutes per hour of clock time and unlocks achievements as it passes thresholds, so a later sync finds
/// real changes (<c>playtime_updated</c>, <c>achievement_unlocked</c>).
/// </summary>
internal static class DemoCatalog
{
    public const int FirstPlatformId = 100_001;

    /// <summary>The hour from which active games accrue playtime.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Adjectives =
        ["Crimson", "Silent", "Eternal", "Broken", "Hollow", "Iron", "Starlit", "Forgotten", "Savage", "Neon", "Frozen", "Gilded", "Endless", "Shattered", "Wild", "Last"];

    private static readonly string[] Nouns =
        ["Odyssey", "Kingdom", "Frontier", "Legacy", "Horizon", "Citadel", "Voyage", "Requiem", "Dominion", "Harbor", "Crusade", "Paradox", "Wasteland", "Tides", "Empire", "Signal"];

    private static readonly string[] Genres =
        ["RPG", "Strategy", "Action", "Adventure", "Puzzle", "Simulation", "Shooter", "Platformer", "Roguelike", "Racing", "Horror", "Survival"];

    private static readonly string[] Developers =
        ["Larian Studios", "Obsidian Entertainment", "Supergiant Games", "CD Projekt Red", "FromSoftware", "Paradox Development Studio", "Motion Twin", "Klei Entertainment", "Remedy Entertainment", "Team Cherry"];

    private static readonly string[] AchievementNames =
        ["First Steps", "Explorer", "Collector", "Veteran", "Perfectionist", "Untouchable", "Speedrunner", "Completionist", "Survivor", "Strategist"];

    public static string PlatformId(int number) => (FirstPlatformId + number - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The game number (1-based) of a demo platform id, or null when it is not one.</summary>
    public static int? Number(string platformGameId) =>
        int.TryParse(platformGameId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id >= FirstPlatformId
            ? id - FirstPlatformId + 1
            : null;

    public static PlatformGame Game(string libraryId, int number, DateTimeOffset now)
    {
        var random = new Random(Seed(libraryId, number));
        var title = $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]}";
        if (random.Next(4) == 0)
        {
            title += $" {random.Next(2, 5)}";
        }

        var genres = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Genres[random.Next(Genres.Length)]).Distinct().ToList();
        var developer = Developers[random.Next(Developers.Length)];
        int? metacritic = random.Next(100) < 85 ? random.Next(55, 98) : null;
        var played = random.Next(100) >= 35;
        var active = played && random.Next(100) < 20;
        var basePlaytime = played ? random.Next(30, 5_000) : 0;
        var ratePerHour = random.Next(1, 4);
        var hours = Math.Max(0, (long)(now - Epoch).TotalHours);
        var playtime = basePlaytime + (active ? hours * ratePerHour : 0);
        var baseLastPlayed = Epoch.AddDays(-random.Next(1, 700)).AddMinutes(random.Next(0, 1440));
        DateTimeOffset? lastPlayed = !played ? null : active ? Epoch.AddHours(hours) : baseLastPlayed;

        var achievementCount = random.Next(0, 25);
        var threshold = (long)random.Next(200, 1_500);
        var achievements = new List<Achievement>();
        for (var j = 0; j < achievementCount; j++)
        {
            var needed = threshold * (j + 1);
            var points = random.Next(1, 11) * 5;
            if (playtime < needed)
            {
                continue;
            }

            // An achievement reached only thanks to accrued playtime was unlocked in the hour playtime crossed it.
            var unlockedAt = needed <= basePlaytime || !active
                ? baseLastPlayed
                : Epoch.AddHours((needed - basePlaytime + ratePerHour - 1) / ratePerHour);
            achievements.Add(new Achievement
            {
                AchievementId = $"ach_{number}_{j + 1}",
                Title = $"{AchievementNames[j % AchievementNames.Length]} {RomanLevel(j / AchievementNames.Length)}".TrimEnd(),
                Description = $"Play {title} for {needed} minutes",
                IconUrl = $"https://demo.game-djinn.local/achievements/{number}/{j + 1}.png",
                RarityPercentage = Math.Round(90.0 / (j + 1), 1),
                Points = points,
                UnlockedAt = unlockedAt,
            });
        }

        return new PlatformGame
        {
            PlatformGameId = PlatformId(number),
            Title = title,
            Developer = developer,
            Genres = genres,
            CoverImageUrl = $"https://demo.game-djinn.local/covers/{PlatformId(number)}.jpg",
            Metacritic = metacritic,
            TotalPlaytimeMinutes = playtime,
            LastPlayedAt = lastPlayed,
            Achievements = achievements,
        };
    }

    private static string RomanLevel(int level) => level switch { 0 => string.Empty, 1 => "II", 2 => "III", _ => $"{level + 1}" };

    /// <summary>FNV-1a over the library id and the game number: stable across processes, unlike string.GetHashCode.</summary>
    private static int Seed(string libraryId, int number)
    {
        var hash = 2166136261u;
        foreach (var c in libraryId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)number) * 16777619u;
        return (int)hash;
    }
}
