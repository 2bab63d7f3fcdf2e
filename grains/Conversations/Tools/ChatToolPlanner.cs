using System.Text.RegularExpressions;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>
/// Decides, deterministically and without a network, which tools a message needs: a small keyword reader,
/// not a language model. It recognizes
/// <list type="bullet">
/// <item>statistics words (<c>stats</c>, <c>how many</c>, <c>overview</c>, <c>playtime</c>, <c>most played</c>) → <c>get_library_stats</c>;</item>
/// <item>a genre from a fixed vocabulary (<c>RPG</c>, <c>strategy</c>, <c>shooter</c>…), <c>unplayed</c>/<c>backlog</c>/<c>haven't played</c>,
/// <c>metacritic 80</c>/<c>rated 80+</c>/<c>score above 80</c>, a quoted title, <c>top 5</c> → <c>search_games</c> with those filters;</item>
/// <item>search words (<c>games</c>, <c>recommend</c>, <c>show</c>, <c>find</c>, <c>list</c>) without statistics words → an unfiltered <c>search_games</c>.</item>
/// </list>
/// Both models use it: the local one by definition, the OpenAI-compatible one because it does not (yet)
/// let the remote model call tools itself.
/// </summary>
public static partial class ChatToolPlanner
{
    private static readonly (Regex Pattern, string Genre)[] GenreWords = Genres(
    [
        ("rpgs?|role[- ]playing", "RPG"), ("strategy", "Strategy"), ("shooters?|fps", "Shooter"), ("action", "Action"),
        ("adventures?", "Adventure"), ("puzzles?", "Puzzle"), ("simulations?|sims?", "Simulation"), ("sports?", "Sports"),
        ("racing|racers?", "Racing"), ("platformers?", "Platformer"), ("horror", "Horror"), ("indie", "Indie"),
        ("roguelikes?|roguelites?", "Roguelike"), ("fighting", "Fighting"), ("survival", "Survival"), ("sandbox", "Sandbox"),
        ("mmos?|mmorpgs?", "MMO"), ("casual", "Casual"), ("stealth", "Stealth"), ("metroidvanias?", "Metroidvania"),
    ]);

    public static IReadOnlyList<ChatToolCall> Plan(string message, int defaultLimit)
    {
        var text = message.ToLowerInvariant();
        var query = new GameQuery
        {
            TitleContains = Quoted().Match(message) is { Success: true } q ? q.Groups[1].Value.Trim() : null,
            Genre = GenreWords.FirstOrDefault(g => g.Pattern.IsMatch(text)).Genre,
            Unplayed = Unplayed().IsMatch(text) ? true : null,
            MinMetacritic = MinScore(text),
            Limit = Top().Match(text) is { Success: true } top && int.TryParse(top.Groups[1].Value, out var n)
                ? Math.Clamp(n, 1, LibraryLimits.MaxQueryLimit)
                : Math.Clamp(defaultLimit, 1, LibraryLimits.MaxQueryLimit),
        };
        var filtered = query.TitleContains is not null || query.Genre is not null || query.Unplayed is not null || query.MinMetacritic is not null;
        var stats = Stats().IsMatch(text);

        var calls = new List<ChatToolCall>();
        if (stats)
        {
            calls.Add(new ChatToolCall(ChatToolNames.GetLibraryStats, System.Text.Json.JsonSerializer.SerializeToElement(new { })));
        }

        if (filtered || (!stats && Search().IsMatch(text)))
        {
            calls.Add(new ChatToolCall(ChatToolNames.SearchGames, SearchGamesParameters.From(query)));
        }

        return calls;
    }

    private static (Regex, string)[] Genres((string Words, string Genre)[] genres) =>
        [.. genres.Select(g => (new Regex($@"\b(?:{g.Words})\b", RegexOptions.Compiled | RegexOptions.CultureInvariant), g.Genre))];

    private static int? MinScore(string text)
    {
        var match = Score().Match(text);
        return match.Success && int.TryParse(match.Groups["n"].Value, out var n) && n is >= 0 and <= LibraryLimits.MaxMetacritic ? n : null;
    }

    [GeneratedRegex("\"([^\"]{1,200})\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\bunplayed\b|\bbacklog\b|\bnever (?:been )?played\b|\bnot (?:yet )?played\b|\bhaven'?t (?:yet )?played\b|\bhave not (?:yet )?played\b|\bdidn'?t play\b|\bnot started\b")]
    private static partial Regex Unplayed();

    [GeneratedRegex(@"(?:metacritic|score|rating|rated)\D{0,20}?(?<n>\d{1,3})\b|\b(?<n>\d{1,3})\s*\+?\s*(?:on\s+)?metacritic")]
    private static partial Regex Score();

    [GeneratedRegex(@"\btop\s+(\d{1,3})\b")]
    private static partial Regex Top();

    [GeneratedRegex(@"\bstats?\b|\bstatistics\b|\bhow many\b|\boverview\b|\bsummary\b|\bsummari[sz]e\b|\bplaytime\b|\bmost played\b|\bhow much time\b")]
    private static partial Regex Stats();

    [GeneratedRegex(@"\bgames?\b|\brecommend|\bsuggest|\bshow\b|\bfind\b|\bsearch|\blist\b|\bwhat should i play\b|\bplay next\b")]
    private static partial Regex Search();
}
