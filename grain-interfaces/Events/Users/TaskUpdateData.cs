using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>
/// <c>task_update</c> (document 002): a task was created, updated or deleted (the envelope's
/// <c>action</c>). Only <see cref="TaskId"/> is required; the sender's other fields (<c>title</c>…) are
/// kept as they are in <see cref="Fields"/>.
/// </summary>
public sealed record TaskUpdateData
{
    public required string TaskId { get; init; }

    /// <summary>Every other field of the sender's <c>data</c>, unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; init; }
}
