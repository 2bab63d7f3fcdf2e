using System.Text.Json.Serialization;

namespace OrleansRealtime.GrainInterfaces.Events.Library;

/// <summary>
/// The <c>game</c> of <c>game_added</c>: document 003's four fields, plus <c>genres</c> (omitted when unknown),
/// which the <c>game_genres</c> subscription filter matches on.
/// </summary>
public sealed record GameAddedGame(
    string GameId,
    string Title,
    string? Developer,
    string? CoverImageUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Genres = null);
