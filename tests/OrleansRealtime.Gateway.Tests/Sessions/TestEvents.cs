using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>Envelopes for the session tests: a type and its data as JSON, nothing else.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Timestamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Envelope Event(string type, string json = "{}", string? excludeSessionId = null)
    {
        using var document = JsonDocument.Parse(json);
        return new Envelope
        {
            Type = type,
            Data = document.RootElement.Clone(),
            Timestamp = Timestamp,
            Id = Envelope.NewId(),
            ExcludeSessionId = excludeSessionId,
        };
    }

    public static Envelope Progress(string operationId, int percent) =>
        Event("sync_progress", $$"""{"operation_id":"{{operationId}}","library_id":"lib-1","progress_percentage":{{percent}}}""");

    public static Envelope Chunk(int index) =>
        Event("ai_chat_response_chunk", $$"""{"conversation_id":"c1","message_id":"m1","chunk":"part {{index}}","chunk_index":{{index}},"is_final":false}""");

    public static Envelope Notification(string title = "hello") =>
        Event("notification", $$"""{"id":"n1","title":"{{title}}","message":"m","type":"info"}""");
}
