using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansRealtime.GrainInterfaces.Events;

/// <summary>
/// The JSON form of event data and of HTTP bodies: snake_case names as in the documents, enums as
/// snake_case strings, timestamps as UTC ISO 8601 with a <c>Z</c>, unknown members ignored.
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
