using System.Text.Json.Nodes;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>Example data for events the protocol documents show no JSON for (ours, and document 002's table rows).</summary>
public static class EventExamples
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["connection_ack"] = """{"user_id": "user_123"}""",
        ["error"] = """{"error_code": "UNKNOWN_MESSAGE_TYPE", "message": "Unknown message type 'subscrbe'.", "id": "msg_42"}""",
        ["resync_required"] = """{"reason": "history_trimmed", "epoch": 7, "seq": 1042}""",
        ["reconnect"] = """{"reason": "server_draining", "retry_after_ms": 1000}""",
        ["subscribed"] = """{"events": ["sync_progress", "ai_chat"], "filters": {"library_id": "123e4567-e89b-12d3-a456-426614174000", "game_genres": null, "notification_level": null}}""",
        ["unsubscribed"] = """{"events": ["ai_chat"], "filters": null}""",
        ["refresh_token"] = """{"token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."}""",
        ["resume"] = """{"last_seq": 1042, "epoch": 7}""",
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["task_update"] = "created",
    };

    public static JsonNode? Data(string type) => Examples.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;

    public static string? Action(string type) => Actions.GetValueOrDefault(type);
}
