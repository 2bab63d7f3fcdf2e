using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Libraries;

// The read side used by the HTTP API and the AI tools (search_games, get_library_stats).
public sealed partial class LibraryGrain
{
    public Task<GameSearchResult> SearchGamesAsync(GameQuery query)
    {
        RequireCreated();
        var valid = LibraryValidation.Query(query);
        var matches = State.Games.Where(g => Matches(g, valid))
            .OrderBy(g => g.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.GameId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new GameSearchResult
        {
            Games = [.. matches.Skip(valid.Offset).Take(valid.Limit)],
            TotalMatches = matches.Count,
        });
    }

    public Task<LibraryStats> GetStatsAsync()
    {
        RequireCreated();
        var games = State.Games;
        var genres = new SortedDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var genre in games.SelectMany(g => g.Genres))
        {
            genres[genre] = genres.GetValueOrDefault(genre) + 1;
        }

        var scored = games.Where(g => g.Metacritic is not null).Select(g => g.Metacritic!.Value).ToList();
        return Task.FromResult(new LibraryStats
        {
            TotalGames = games.Count,
            UnplayedGames = games.Count(g => g.TotalPlaytimeMinutes == 0),
            TotalPlaytimeMinutes = games.Sum(g => g.TotalPlaytimeMinutes),
            Genres = new Dictionary<string, int>(genres, StringComparer.OrdinalIgnoreCase),
            AverageMetacritic = scored.Count == 0 ? null : Math.Round(scored.Average(), 1),
            AchievementsUnlocked = games.Sum(g => g.Achievements.Count),
            MostPlayed = [.. games.Where(g => g.TotalPlaytimeMinutes > 0)
                .OrderByDescending(g => g.TotalPlaytimeMinutes)
                .ThenBy(g => g.Title, StringComparer.OrdinalIgnoreCase)
                .Take(5)],
        });
    }

    public Task<IReadOnlyDictionary<string, long>> GetPlatformPlaytimesAsync()
    {
        RequireCreated();
        IReadOnlyDictionary<string, long> playtimes = State.Games
            .Where(g => g.PlatformGameId is not null)
            .ToDictionary(g => g.PlatformGameId!, g => g.TotalPlaytimeMinutes, StringComparer.Ordinal);
        return Task.FromResult(playtimes);
    }

    private static bool Matches(Game game, GameQuery query) =>
        (string.IsNullOrWhiteSpace(query.TitleContains) || game.Title.Contains(query.TitleContains.Trim(), StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrWhiteSpace(query.Genre) || game.Genres.Contains(query.Genre.Trim(), StringComparer.OrdinalIgnoreCase))
        && (query.Unplayed is null || (game.TotalPlaytimeMinutes == 0) == query.Unplayed)
        && (query.MinMetacritic is null || game.Metacritic >= query.MinMetacritic);
}
