namespace OrleansRealtime.GrainInterfaces.Events;

/// <summary>
/// One entry of the <see cref="EventCatalog"/>: the wire name, the data contract, category, delivery class
/// and, where document 001 names one, the Socket.IO event.
/// </summary>
/// <param name="Type">The envelope <c>type</c>, exactly as the protocol documents spell it.</param>
/// <param name="Contract">The record whose JSON (<see cref="EventJson.Options"/>) is the envelope's <c>data</c>.</param>
/// <param name="ConflationKey">
/// For <see cref="DeliveryClass.Conflatable"/> events: the <c>data</c> field whose value keys the conflation
/// (<c>operation_id</c> for <c>sync_progress</c>); null conflates per stream (typing, one per user).
/// </param>
/// <param name="SocketIoEvent">Document 001's Socket.IO event name, or null when the event is not sent over Socket.IO.</param>
/// <param name="SocketIoPayloadField">
/// When the Socket.IO payload is one field of <c>data</c> rather than the whole object (document 001's
/// <c>typing</c> carries a bare boolean), that field's name.
/// </param>
/// <param name="Description">One line for docs/events.md.</param>
public sealed record EventDescriptor(
    string Type,
    Type Contract,
    EventCategory Category,
    DeliveryClass Delivery,
    string Description,
    string? ConflationKey = null,
    string? SocketIoEvent = null,
    string? SocketIoPayloadField = null,
    bool ClientToServer = false);
