using System.Text.Json.Nodes;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>Example data for events the protocol documents show no JSON for (ours, and document 002's table rows).</summary>
public static class EventExamples
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["connection_ack"] = """{"user_id": "user_123"}""",
        ["error"] = """{"error_code": "unknown_type", "message": "This endpoint does not accept messages of type 'subscrbe'.", "id": "msg_42"}""",
        ["resync_required"] = """{"reason": "history_trimmed", "epoch": 7, "seq": 1042}""",
        ["reconnect"] = """{"reason": "server_shutdown", "retry_after_ms": 1000}""",
        ["subscribed"] = """{"events": ["sync_progress", "ai_chat"], "filters": {"library_id": "123e4567-e89b-12d3-a456-426614174000", "game_genres": null, "notification_level": null}}""",
        ["unsubscribed"] = """{"events": ["ai_chat"], "filters": {"library_id": null, "game_genres": null, "notification_level": null}}""",
        ["token_refreshed"] = """{"expires_at": "2024-07-20T13:00:00.000Z"}""",
        ["refresh_token"] = """{"token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."}""",
        ["resume"] = """{"last_seq": 1042, "epoch": 7}""",
        ["profile_updated"] = """{"user_id": "user_123", "display_name": "Ada", "bio": "Plays RPGs", "wallets": ["0x1234567890123456789012345678901234567890"]}""",
        ["notifications_read"] = """{"ids": ["ntf_1", "ntf_2"], "unread_count": 3}""",
        ["typing"] = """{"is_typing": true, "user_id": "user_123", "session_id": "sess_789012"}""",
        ["presence_updated"] = """{"user_id": "user_123", "online": true, "change": "connected", "session_id": "sess_789012", "sessions": [{"session_id": "sess_789012", "device": "mobile", "protocol": "socket.io", "connected_at": "2024-07-20T12:00:00.000Z"}]}""",
        ["chat_message"] = """{"content": "Here are your unplayed RPGs.", "agent": "game_djinn", "conversation_id": "conv_456789", "message_id": "msg_123456"}""",
        ["ai_chat_cancel"] = """{"conversation_id": "conv_456789", "message_id": "msg_123456"}""",
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["task_update"] = "created",
    };

    public static JsonNode? Data(string type) => Examples.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;

    public static string? Action(string type) => Actions.GetValueOrDefault(type);
}
