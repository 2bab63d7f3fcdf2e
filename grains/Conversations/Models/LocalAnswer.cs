using System.Globalization;
using System.Text;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Conversations.Tools;

namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>Writes the local model's answer from the tool results, in the style of document 003's example ("1. Baldur's Gate 3 - 95 Metacritic").</summary>
internal static class LocalAnswer
{
    public const string NoLibrary =
        "I can't look at your games yet: this conversation has no library. Send your message with a library_id, " +
        "for example \"Show me my unplayed RPG games\".";

    public const string Help =
        "I'm your game library assistant. Ask me things like \"Show me my unplayed RPG games\", " +
        "\"strategy games with metacritic 80\" or \"my library stats\".";

    public static string Compose(ChatPrompt prompt, IReadOnlyList<ChatToolResult> results)
    {
        if (results.Count == 0)
        {
            return prompt.LibraryId is null ? NoLibrary : Help;
        }

        var paragraphs = results.Select(r => r switch
        {
            LibraryStatsToolResult stats => DescribeStats(stats.Stats),
            SearchGamesToolResult search => DescribeSearch(search.Query, search.Result),
            _ => $"({r.Name} returned a result I can't read.)",
        });
        return string.Join("\n\n", paragraphs);
    }

    private static string DescribeSearch(GameQuery query, GameSearchResult result)
    {
        var what = Describe(query);
        if (result.Games.Count == 0)
        {
            return $"I found no {what} in your library.";
        }

        var text = new StringBuilder(result.TotalMatches > result.Games.Count
            ? $"Based on your library, here are {result.Games.Count} of your {result.TotalMatches} {what}:\n"
            : $"Based on your library, here are your {what}:\n");
        var n = 0;
        foreach (var game in result.Games)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{++n}. {game.Title}");
            if (game.Metacritic is { } score)
            {
                text.Append(CultureInfo.InvariantCulture, $" - {score} Metacritic");
            }
        }

        return text.ToString();
    }

    private static string Describe(GameQuery query)
    {
        var words = new List<string>();
        if (query.Unplayed is { } unplayed)
        {
            words.Add(unplayed ? "unplayed" : "played");
        }

        if (query.Genre is { } genre)
        {
            words.Add(genre);
        }

        words.Add("games");
        if (query.TitleContains is { } title)
        {
            words.Add($"with \"{title}\" in the title");
        }

        if (query.MinMetacritic is { } min)
        {
            words.Add($"with a Metacritic score of at least {min}");
        }

        return string.Join(' ', words);
    }

    private static string DescribeStats(LibraryStats stats)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Your library has {stats.TotalGames} games ({stats.UnplayedGames} unplayed) and {Hours(stats.TotalPlaytimeMinutes)} hours of playtime.");
        if (stats.AverageMetacritic is { } average)
        {
            text.Append(CultureInfo.InvariantCulture, $" Average Metacritic: {average:0.#}.");
        }

        if (stats.Genres.Count > 0)
        {
            var top = stats.Genres.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3);
            text.Append(" Top genres: ").Append(string.Join(", ", top.Select(g => $"{g.Key} ({g.Value})"))).Append('.');
        }

        if (stats.MostPlayed.Count > 0)
        {
            var most = stats.MostPlayed[0];
            text.Append(CultureInfo.InvariantCulture, $" Most played: {most.Title} ({Hours(most.TotalPlaytimeMinutes)} h).");
        }

        if (stats.AchievementsUnlocked > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Achievements unlocked: {stats.AchievementsUnlocked}.");
        }

        return text.ToString();
    }

    private static string Hours(long minutes) => (minutes / 60.0).ToString("0.#", CultureInfo.InvariantCulture);
}
