using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>The result of <c>get_library_stats</c>.</summary>
public sealed record LibraryStatsToolResult(JsonElement Parameters, LibraryStats Stats)
    : ChatToolResult(ChatToolNames.GetLibraryStats, Parameters)
{
    public override JsonNode ToPromptJson()
    {
        var genres = new JsonObject();
        foreach (var (genre, count) in Stats.Genres.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            genres[genre] = count;
        }

        return new JsonObject
        {
            ["tool"] = Name,
            ["total_games"] = Stats.TotalGames,
            ["unplayed_games"] = Stats.UnplayedGames,
            ["total_playtime_minutes"] = Stats.TotalPlaytimeMinutes,
            ["average_metacritic"] = Stats.AverageMetacritic,
            ["achievements_unlocked"] = Stats.AchievementsUnlocked,
            ["genres"] = genres,
            ["most_played"] = new JsonArray([.. Stats.MostPlayed.Select(g => (JsonNode)new JsonObject
            {
                ["title"] = g.Title,
                ["total_playtime_minutes"] = g.TotalPlaytimeMinutes,
            })]),
        };
    }
}
