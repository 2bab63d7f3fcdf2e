using System.Text.Json;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Delivery;

/// <summary>
/// One event as the gateway fans it out: the envelope, its stream token (null for broadcasts), what the
/// catalog says of its type, and its raw-WebSocket frame, serialized once for every socket of the user.
/// Immutable after construction, so one instance is shared by every session's queue.
/// </summary>
internal sealed class FeedItem
{
    private static readonly string[] CategoryNames = [.. Enum.GetValues<EventCategory>().OrderBy(c => (int)c).Select(EventCatalog.CategoryName)];

    private byte[]? _frame;

    public FeedItem(Envelope envelope, StreamSequenceToken? token)
    {
        Envelope = envelope;
        Token = token;
        if (EventCatalog.TryGet(envelope.Type, out var descriptor))
        {
            Category = descriptor.Category;
            Delivery = descriptor.Delivery;
            ConflationKey = descriptor.Delivery == DeliveryClass.Conflatable ? ConflationKeyOf(envelope, descriptor) : null;
        }
        else
        {
            // Document 002's plugin updates: types outside the catalog, delivered like notifications.
            Category = EventCategory.Notifications;
            Delivery = DeliveryClass.Durable;
        }
    }

    public Envelope Envelope { get; }

    /// <summary>The user stream position; null for broadcasts, which carry no <c>seq</c> and are never replayed.</summary>
    public StreamSequenceToken? Token { get; }

    public EventCategory Category { get; }

    /// <summary>The category's wire name (<c>sync_progress</c>…), computed once rather than per socket.</summary>
    public string CategoryName => CategoryNames[(int)Category];

    public DeliveryClass Delivery { get; }

    /// <summary>For conflatable events: type plus key value; a newer item with the same key replaces a queued one.</summary>
    public string? ConflationKey { get; }

    /// <summary>The <c>{type, action, data, timestamp, id, seq, epoch}</c> text frame; built on first use.</summary>
    public byte[] Frame => _frame ??= EnvelopeFrames.Stream(Envelope, Token);

    private static string ConflationKeyOf(Envelope envelope, EventDescriptor descriptor)
    {
        if (descriptor.ConflationKey is { } field
            && envelope.Data.ValueKind == JsonValueKind.Object
            && envelope.Data.TryGetProperty(field, out var value))
        {
            return $"{envelope.Type}\u001f{value}";
        }

        return envelope.Type;
    }
}
