using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>
/// Renders docs/events.md from the <see cref="EventCatalog"/>. Each example's data is the protocol
/// document's own example where one exists (passed through the contract, so it shows exactly what we
/// send), else the hand-written one in <see cref="EventExamples"/>, also passed through the contract.
/// </summary>
public static class EventsDocument
{
    public const string RelativePath = "docs/events.md";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, IndentSize = 2 };

    public static string Render()
    {
        var missing = EventCatalog.All.Where(d => ExampleData(d) is null).Select(d => d.Type).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No example for {string.Join(", ", missing)}: add them to {nameof(EventExamples)}.");
        }

        var text = new StringBuilder();
        text.Append(Intro).AppendLine();
        text.AppendLine("| type | category | delivery | Socket.IO | direction |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var d in EventCatalog.All)
        {
            text.AppendLine($"| [`{d.Type}`](#{Anchor(d.Type)}) | {EventCatalog.CategoryName(d.Category)} | {Delivery(d)} | {SocketIo(d)} | {Direction(d)} |");
        }

        foreach (var group in EventCatalog.All.GroupBy(d => d.Category))
        {
            text.AppendLine().AppendLine($"## {EventCatalog.CategoryName(group.Key)}");
            foreach (var d in group)
            {
                text.AppendLine().AppendLine($"### `{d.Type}`").AppendLine();
                text.AppendLine(d.Description).AppendLine();
                text.AppendLine($"- Contract: `{d.Contract.Name}`");
                text.AppendLine($"- Delivery: {Delivery(d)}");
                text.AppendLine($"- Socket.IO: {SocketIo(d)}");
                text.AppendLine($"- Direction: {Direction(d)}");
                text.AppendLine().AppendLine("```json").AppendLine(Example(d)).AppendLine("```");
            }
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The example envelope of <paramref name="d"/>, or a note saying none exists yet.</summary>
    public static string Example(EventDescriptor d)
    {
        var data = ExampleData(d) ?? throw new InvalidOperationException($"No example for '{d.Type}': add one to {nameof(EventExamples)}.");
        var record = data.Deserialize(d.Contract, EventJson.Options);
        var envelope = new JsonObject { ["type"] = d.Type };
        if (EventExamples.Action(d.Type) is { } action)
        {
            envelope["action"] = action;
        }

        envelope["data"] = JsonSerializer.SerializeToNode(record, d.Contract, EventJson.Options);
        envelope["timestamp"] = "2024-07-20T12:00:00.000Z";
        envelope["id"] = d.ClientToServer ? "msg_123456" : "3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f";
        return envelope.ToJsonString(Pretty);
    }

    public static JsonNode? ExampleData(EventDescriptor d)
    {
        var fromDocument = ProtocolDocuments.Examples.FirstOrDefault(e => !e.IsSocketIo && e.Type == d.Type)
            ?? ProtocolDocuments.Examples.FirstOrDefault(e => e.IsSocketIo && e.Type == d.SocketIoEvent && d.SocketIoPayloadField is null);
        return fromDocument is not null ? DocumentExampleTests.DataOf(fromDocument) : EventExamples.Data(d.Type);
    }

    private static string Delivery(EventDescriptor d) => d.Delivery switch
    {
        DeliveryClass.Conflatable => d.ConflationKey is null ? "conflatable (latest per user)" : $"conflatable (latest per `{d.ConflationKey}`)",
        DeliveryClass.Durable => "durable",
        _ => "ephemeral",
    };

    private static string SocketIo(EventDescriptor d) => d.SocketIoEvent switch
    {
        null => "—",
        var name when d.SocketIoPayloadField is { } field => $"`{name}` (payload: `data.{field}`)",
        var name => $"`{name}`",
    };

    private static string Direction(EventDescriptor d) => d.ClientToServer ? "client → server" : "server → client";

    private static string Anchor(string type) => new([.. type.Where(c => char.IsLetterOrDigit(c) || c is '_' or '-')]);

    private const string Intro = """
        # Events

        Every event the system sends or accepts, generated from the event catalog
        (`grain-interfaces/Events/EventCatalog*.cs`). A test (`EventsDocumentTests`) fails when this file and the
        catalog disagree; regenerate it with:

        ```
        REALTIME_UPDATE_DOCS=1 dotnet test tests/OrleansRealtime.Grains.Tests --filter EventsDocumentTests
        ```

        Event and field names come from the four protocol documents in `../shared/seeds/` and are the wire contract.
        Where a document shows an example, the example below is that one, passed through our contract record;
        `DocumentExampleTests` checks every document example keeps its field names and JSON types.

        **Envelope.** Every event travels as `{type, action?, data, timestamp, id}` (documents 002 and 003).
        `timestamp` is UTC ISO 8601 with milliseconds; `id` is unique per event and stays the same on replay.
        On the raw WebSocket endpoints the gateway adds the user stream's `seq` and `epoch`
        (see `docs/protocol.md`). Socket.IO clients (document 001) receive `data` (or the one field named below)
        as the payload of the named Socket.IO event.

        **Categories** are what clients subscribe to (`subscribe.data.events` takes a category or an event type).

        **Delivery classes.**
        - *durable*: kept in the user stream's history and replayed to a resuming client; under back-pressure it is
          never silently dropped.
        - *conflatable*: only the latest per key matters (`sync_progress` per operation, `typing` per user); a newer
          one replaces an older one still queued.
        - *ephemeral*: connection control and streaming chunks that a durable event summarizes; never replayed.

        **Broadcasts** (the `system` category) go to every connected user through the broadcast stream, not a user
        stream: they carry no `seq` and are never replayed, whatever their delivery class.

        """;
}
