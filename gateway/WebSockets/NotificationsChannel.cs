using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>
/// <c>/ws/notifications/{user_id}</c> (document 002): the user's notifications, task and plugin updates
/// (<c>{type, action, data}</c>), and the system broadcasts. Accepts only the shared client messages.
/// </summary>
internal sealed class NotificationsChannel : SocketChannel
{
    public static NotificationsChannel Instance { get; } = new();

    public override string Protocol => "notifications";

    public override object FirstMessage(WebSocketSession session, StreamSequenceToken position) => new ConnectionAckData(session.UserId, position.Epoch, position.Sequence);

    public override bool Accepts(WebSocketSession session, FeedItem item) =>
        item.Category is EventCategory.Notifications or EventCategory.System;

    protected override Task<bool> HandleOwnAsync(WebSocketSession session, InboundMessage message) => Task.FromResult(false);
}
