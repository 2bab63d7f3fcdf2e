using System.Text.Json.Serialization;

namespace OrleansRealtime.GrainInterfaces.Events.Library;

/// <summary>
/// <c>game_updated</c> (document 003): <c>changes</c> maps each field that really changed (its snake_case name,
/// for example <c>total_playtime_minutes</c>) to its old and new value. <c>operation_id</c> is added (omitted
/// when null) so a client can tie a sync's updates to it.
/// </summary>
public sealed record GameUpdatedData(
    string LibraryId,
    string GameId,
    IReadOnlyDictionary<string, FieldChange> Changes,
    string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OperationId = null);
