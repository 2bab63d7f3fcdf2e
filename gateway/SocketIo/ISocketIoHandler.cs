using System.Text.Json;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>
/// The application behind the Socket.IO endpoint, resolved once from the container by
/// <see cref="SocketIoEndpointRouteBuilderExtensions.MapSocketIo"/> (register it as a singleton).
/// <para>
/// Ordering and delivery, per socket:
/// <list type="bullet">
/// <item>Calls are serialized: <see cref="OnConnectAsync"/> first, then each <see cref="OnEventAsync"/> one at a
/// time in the order the client sent the events, then <see cref="OnDisconnectAsync"/> exactly once (only for a
/// socket whose connect was accepted), after the last event call has returned. A slow handler slows reading
/// from that client (bounded by <see cref="SocketIoOptions.InboundQueueCapacity"/>), never other sockets.</item>
/// <item>Acks from the client (answers to <see cref="SocketIoSocket.EmitWithAckAsync(string, object?[])"/>) are
/// not queued behind events, so a handler may await one without deadlocking.</item>
/// <item>Events that arrive after the socket disconnected are dropped; nothing is redelivered. At most once.</item>
/// </list>
/// An exception from <see cref="OnEventAsync"/> is logged and the socket goes on; one from
/// <see cref="OnConnectAsync"/> rejects the connect with a generic message (exception text never reaches a client).
/// </para>
/// </summary>
public interface ISocketIoHandler
{
    /// <summary>
    /// A client asked to join the main namespace <c>/</c>. Return <see cref="SocketIoConnectResult.Accept"/> for a
    /// CONNECT reply, or <see cref="SocketIoConnectResult.Reject"/> for a CONNECT_ERROR (socket.io-client's
    /// connect_error with that message); a rejected socket gets nothing else. Emits made here are written before
    /// the CONNECT reply (socket.io-client buffers them until connected), which is how missed events are
    /// replayed on recovery. <paramref name="cancellationToken"/> is cancelled when the session closes.
    /// </summary>
    ValueTask<SocketIoConnectResult> OnConnectAsync(SocketIoSocket socket, SocketIoConnectRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The client emitted <paramref name="eventName"/> (never a reserved name such as "connect" or "error": those
    /// close the session before reaching here). <paramref name="ack"/> is set when the client passed a callback;
    /// call <see cref="SocketIoAck.SendAsync(object?[])"/> at most once to answer it. <paramref name="cancellationToken"/>
    /// is cancelled when the socket disconnects.
    /// </summary>
    ValueTask OnEventAsync(SocketIoSocket socket, string eventName, IReadOnlyList<JsonElement> args, SocketIoAck? ack, CancellationToken cancellationToken);

    /// <summary>The socket is gone; <paramref name="reason"/> is one of <see cref="SocketIoDisconnectReasons"/>. Emits are refused from now on.</summary>
    ValueTask OnDisconnectAsync(SocketIoSocket socket, string reason);
}
