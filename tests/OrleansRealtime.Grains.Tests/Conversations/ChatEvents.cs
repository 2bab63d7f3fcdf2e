using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>Reading the events of one response off a <see cref="StreamProbe"/>.</summary>
public static class ChatEvents
{
    public static string? MessageId(Envelope envelope) =>
        envelope.Data.ValueKind == JsonValueKind.Object && envelope.Data.TryGetProperty("message_id", out var id) ? id.GetString() : null;

    /// <summary>The chat events (ai_*, chat_message) of <paramref name="messageId"/>, in stream order.</summary>
    public static IReadOnlyList<Envelope> Of(StreamProbe probe, string messageId) =>
        [.. probe.Received.Where(e => (e.Type.StartsWith("ai_", StringComparison.Ordinal) || e.Type == "chat_message") && MessageId(e) == messageId)];

    /// <summary>Waits for the terminal event (complete or error) of <paramref name="messageId"/>.</summary>
    public static Task<Envelope> TerminalAsync(StreamProbe probe, string messageId) =>
        probe.WaitForAsync(e => e.Type is "ai_chat_response_complete" or "ai_error" && MessageId(e) == messageId);

    public static Task<Envelope> ChunkAsync(StreamProbe probe, string messageId, int index) =>
        probe.WaitForAsync(e => e.Type == "ai_chat_response_chunk" && MessageId(e) == messageId && e.Data.GetProperty("chunk_index").GetInt32() == index);
}
