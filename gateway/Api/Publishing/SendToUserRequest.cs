using System.Text.Json;

namespace OrleansRealtime.Gateway.Api.Publishing;

/// <summary>
/// Body of <c>POST /api/users/{userId}/messages</c>: document 002's <c>send_to_user(user_id, {type, action, data})</c>.
/// <c>task_update</c> needs action <c>created|updated|deleted</c> and <c>data.task_id</c>; any other type is a
/// plugin type (<c>[a-z][a-z0-9_:.-]*</c>, not an event of the catalog). <c>data</c> is a JSON object of at most 64 KiB.
/// </summary>
public sealed record SendToUserRequest
{
    public required string Type { get; init; }

    public string? Action { get; init; }

    public required JsonElement Data { get; init; }
}
