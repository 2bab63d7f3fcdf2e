using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>The result of <c>search_games</c>: the query it ran and one page of matches.</summary>
public sealed record SearchGamesToolResult(JsonElement Parameters, GameQuery Query, GameSearchResult Result)
    : ChatToolResult(ChatToolNames.SearchGames, Parameters)
{
    public override JsonNode ToPromptJson() => new JsonObject
    {
        ["tool"] = Name,
        ["total_matches"] = Result.TotalMatches,
        ["games"] = new JsonArray([.. Result.Games.Select(g => (JsonNode)new JsonObject
        {
            ["title"] = g.Title,
            ["genres"] = new JsonArray([.. g.Genres.Select(x => (JsonNode)JsonValue.Create(x))]),
            ["metacritic"] = g.Metacritic,
            ["total_playtime_minutes"] = g.TotalPlaytimeMinutes,
        })]),
    };
}
