using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// One entry of a socket's outbound queue: a stream or broadcast event, a connection-level message the
/// protocol already encoded, or the instruction to close (always last).
/// </summary>
// A struct stored inline in the queue: a broadcast to 10,000 sockets made 10,000 of these, and as a class
// each was a 48-byte allocation per socket per event.
internal readonly struct OutboundMessage
{
    private OutboundMessage(FeedItem? item, ReadOnlyMemory<byte> frame, int closeCode, string? closeReason, DeliveryClass delivery)
    {
        Item = item;
        Frame = frame;
        CloseCode = closeCode;
        CloseReason = closeReason;
        Delivery = delivery;
    }

    public FeedItem? Item { get; }

    public ReadOnlyMemory<byte> Frame { get; }

    /// <summary>Non-zero for the close instruction.</summary>
    public int CloseCode { get; }

    public string? CloseReason { get; }

    public DeliveryClass Delivery { get; }

    public string? ConflationKey => Item?.ConflationKey;

    public bool IsClose => CloseCode != 0;

    public static OutboundMessage Event(FeedItem item) => new(item, default, 0, null, item.Delivery);

    /// <summary>A control frame (pong, error, acknowledgements): never conflated, and counted like a durable event when the queue is full.</summary>
    public static OutboundMessage Control(ReadOnlyMemory<byte> frame) => new(null, frame, 0, null, DeliveryClass.Durable);

    public static OutboundMessage Close(int code, string reason) => new(null, default, code, reason, DeliveryClass.Durable);
}
