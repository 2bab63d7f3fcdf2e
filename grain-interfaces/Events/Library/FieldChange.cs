using System.Text.Json;

namespace OrleansRealtime.GrainInterfaces.Events.Library;

/// <summary>One entry of <c>game_updated.changes</c>: the field's JSON value before and after (null when it had none).</summary>
public sealed record FieldChange(JsonElement? Old, JsonElement? New);
