using System.Text.Json;
using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.GrainInterfaces.Events;

/// <summary>
/// One event on a user stream (<c>user/{userId}</c>) or on the broadcast stream: the
/// <c>{type, action, data, timestamp, id}</c> structure of documents 002 and 003. <see cref="Data"/> is the
/// event's contract record already serialized with <see cref="EventJson.Options"/> (snake_case), so the
/// gateway writes it to every socket without knowing the record type. The stream stamps each envelope
/// with its <c>(seq, epoch)</c>; that stamp is not part of this record.
/// </summary>
[Immutable]
public sealed record Envelope : IStreamLogItem, IStreamHistoryItem, IIdentifiedStreamItem
{
    /// <summary>The event type, for example <c>sync_progress</c> or <c>balance:update</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Document 002's <c>action</c> (<c>created</c>, <c>updated</c>, <c>deleted</c>…), when the event has one.</summary>
    public string? Action { get; init; }

    public required JsonElement Data { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// The event's id (document 003's <c>id</c>): unique, and the same when the event is replayed to a
    /// resuming client, so clients can de-duplicate. <see cref="Create{T}"/> assigns one when none is given.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>
    /// Routing only, never on the wire: the session that caused the change, which must not receive it
    /// (document 000's "other sessions", typing). Null sends to every session.
    /// </summary>
    public string? ExcludeSessionId { get; init; }

    /// <summary>Builds the envelope of a catalog event from its contract record.</summary>
    public static Envelope Create<T>(T data, DateTimeOffset timestamp, string? action = null, string? id = null, string? excludeSessionId = null)
        where T : notnull
    {
        var descriptor = EventCatalog.ForContract(typeof(T));
        return new Envelope
        {
            Type = descriptor.Type,
            Action = action,
            Data = JsonSerializer.SerializeToElement(data, EventJson.Options),
            Timestamp = timestamp,
            Id = id ?? NewId(),
            ExcludeSessionId = excludeSessionId,
        };
    }

    /// <summary>Builds an envelope of a type outside the catalog (document 002's plugin updates), or of <c>task_update</c>.</summary>
    public static Envelope Custom(string type, string? action, JsonElement data, DateTimeOffset timestamp, string? id = null) =>
        new() { Type = type, Action = action, Data = data.Clone(), Timestamp = timestamp, Id = id ?? NewId() };

    /// <summary>A new event id: 32 hex digits, unique without coordination.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// A retried publish of the same envelope (an outbox retry after an unknown outcome) is recognized by its id.
    /// Only replayable events are retried (the outbox never queues an ephemeral one), so only they take room in
    /// the stream's bounded window of recent ids: a long AI answer must not push a durable event's id out of it.
    /// </summary>
    string? IIdentifiedStreamItem.PublicationId => IsReplayable ? Id : null;

    /// <summary>
    /// Whether the stream log keeps the event across a failover: every event a resuming client can be replayed
    /// (durable and conflatable ones, and types outside the catalog), but not ephemeral ones (chunks, thinking
    /// and tool indicators), which are never replayed. Explicit, so it is never serialized with the envelope.
    /// </summary>
    bool IStreamLogItem.PersistInLog => IsReplayable;

    /// <summary>
    /// The stream's in-memory history keeps what the log keeps: a resuming client is never replayed an ephemeral
    /// event, so a chat streaming a thousand chunks must not push its durable events out of the bounded history.
    /// </summary>
    bool IStreamHistoryItem.RetainInHistory => IsReplayable;

    private bool IsReplayable => !EventCatalog.TryGet(Type, out var descriptor) || descriptor.Delivery != DeliveryClass.Ephemeral;

    /// <summary>Reads <see cref="Data"/> back as its contract record.</summary>
    public T DataAs<T>() => Data.Deserialize<T>(EventJson.Options)
        ?? throw new JsonException($"Envelope '{Type}' has null data.");
}
