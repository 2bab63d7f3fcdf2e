using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>
/// The <c>tool_parameters</c> of <c>search_games</c>, shaped like document 003's example:
/// <c>{"query": "witcher", "genre": "RPG", "status_filter": ["unplayed"], "rating_filter": {"min_metacritic": 80}, "limit": 10}</c>.
/// Absent members are no filter. <c>query</c> is a title substring (the document's example puts a genre
/// there; we keep genre in its own member because the library matches genres exactly).
/// </summary>
internal static class SearchGamesParameters
{
    public static JsonElement From(GameQuery query)
    {
        var json = new JsonObject();
        if (query.TitleContains is { } title)
        {
            json["query"] = title;
        }

        if (query.Genre is { } genre)
        {
            json["genre"] = genre;
        }

        if (query.Unplayed is { } unplayed)
        {
            json["status_filter"] = new JsonArray(unplayed ? "unplayed" : "played");
        }

        if (query.MinMetacritic is { } min)
        {
            json["rating_filter"] = new JsonObject { ["min_metacritic"] = min };
        }

        json["limit"] = query.Limit;
        return JsonSerializer.SerializeToElement(json);
    }

    /// <summary>Reads the parameters back; throws <see cref="ChatToolException"/> when they are not of this shape.</summary>
    public static GameQuery Parse(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new ChatToolException("The search parameters are not an object.");
        }

        var unplayed = (bool?)null;
        if (parameters.TryGetProperty("status_filter", out var status))
        {
            var values = status.ValueKind == JsonValueKind.Array
                ? status.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList()
                : throw new ChatToolException("status_filter must be a list.");
            unplayed = (values.Contains("unplayed"), values.Contains("played")) switch
            {
                (true, false) => true,
                (false, true) => false,
                _ when values.All(v => v is "unplayed" or "played") => null,
                _ => throw new ChatToolException("status_filter holds an unknown status."),
            };
        }

        int? min = null;
        if (parameters.TryGetProperty("rating_filter", out var rating) && rating.ValueKind == JsonValueKind.Object
            && rating.TryGetProperty("min_metacritic", out var minValue))
        {
            min = minValue.TryGetInt32(out var m) && m is >= 0 and <= LibraryLimits.MaxMetacritic
                ? m
                : throw new ChatToolException("min_metacritic must be a whole number from 0 to 100.");
        }

        var limit = LibraryLimits.DefaultQueryLimit;
        if (parameters.TryGetProperty("limit", out var limitValue))
        {
            limit = limitValue.TryGetInt32(out var l) && l is >= 1 and <= LibraryLimits.MaxQueryLimit
                ? l
                : throw new ChatToolException($"limit must be from 1 to {LibraryLimits.MaxQueryLimit}.");
        }

        return new GameQuery
        {
            TitleContains = String(parameters, "query"),
            Genre = String(parameters, "genre"),
            Unplayed = unplayed,
            MinMetacritic = min,
            Limit = limit,
        };
    }

    private static string? String(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
