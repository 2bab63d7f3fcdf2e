using System.Net.WebSockets;
using System.Security.Claims;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>A session on one of the raw JSON endpoints: text frames of <see cref="EnvelopeFrames"/>, shaped by its <see cref="SocketChannel"/>.</summary>
internal sealed class WebSocketSession(
    SessionServices services,
    string userId,
    ClaimsPrincipal principal,
    DateTimeOffset? tokenExpiresAt,
    SocketChannel channel,
    WebSocket socket,
    string? sessionId)
    : GatewaySession(services, userId, principal, tokenExpiresAt, channel.Protocol, sessionId)
{
    public SocketChannel Channel { get; } = channel;

    /// <summary>The <c>subscribe</c> selection of a <c>/ws</c> socket; swapped whole by the receive loop, read by the feed.</summary>
    public EventSelection Selection { get; set; } = EventSelection.All;

    protected override bool Accepts(FeedItem item) => Channel.Accepts(this, item);

    protected override ReadOnlyMemory<byte> EncodeControl(object data, string? id) => EnvelopeFrames.Control(data, Now, id);

    protected override ValueTask WriteAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        socket.SendAsync(message.Item?.Frame ?? message.Frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    protected override async ValueTask WriteCloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void Abort() => socket.Abort();
}
