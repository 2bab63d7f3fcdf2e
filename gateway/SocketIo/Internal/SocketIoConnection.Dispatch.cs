using OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

namespace OrleansRealtime.Gateway.SocketIo.Internal;

internal sealed partial class SocketIoConnection
{
    /// <summary>
    /// The single loop that calls the handler, so a socket's calls never overlap and keep arrival order.
    /// It ends when the session closes, then reports the disconnect of a socket that was accepted.
    /// </summary>
    private async Task DispatchAsync()
    {
        await foreach (var packet in _inbound.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_session.IsClosing)
            {
                continue;
            }

            var socket = CurrentSocket();
            if (socket is null)
            {
                // An EVENT or DISCONNECT queued behind a CONNECT that was then refused.
                Violation($"{packet.Type} on a socket that is not connected");
                continue;
            }

            switch (packet.Type)
            {
                case SocketIoPacketType.Connect:
                    await ConnectAsync(socket, packet).ConfigureAwait(false);
                    break;
                case SocketIoPacketType.Event when socket.IsConnected:
                    await HandleEventAsync(socket, packet).ConfigureAwait(false);
                    break;
                case SocketIoPacketType.Disconnect when socket.IsConnected:
                    await EndSocketAsync(socket, SocketIoDisconnectReasons.ClientNamespaceDisconnect).ConfigureAwait(false);
                    ArmConnectTimeout();
                    break;
                default:
                    Violation($"{packet.Type} on a socket that is not connected");
                    break;
            }
        }

        var last = CurrentSocket();
        if (last is not null)
        {
            await EndSocketAsync(last, _session.CloseReason ?? SocketIoDisconnectReasons.TransportClose).ConfigureAwait(false);
        }
    }

    private async Task ConnectAsync(SocketIoSocket socket, SocketIoPacket packet)
    {
        SocketIoConnectResult result;
        try
        {
            result = await _handler.OnConnectAsync(socket, new SocketIoConnectRequest(packet.Data, _session.Handshake), socket.Disconnected).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (socket.Disconnected.IsCancellationRequested)
            {
                return;
            }

            SocketIoLog.HandlerFailed(_logger, e, _session.Id, "connect");
            result = SocketIoConnectResult.Reject(ServerErrorMessage);
        }

        if (result.IsAccepted && socket.MarkConnected())
        {
            await _session.SendAsync(SocketIoCodec.EncodeConnect(socket.Namespace, socket.Id, result.Pid)).ConfigureAwait(false);
            SocketIoLog.Connected(_logger, _session.Id, socket.Id);
            return;
        }

        if (!result.IsAccepted)
        {
            SocketIoLog.ConnectRejected(_logger, _session.Id);
            await _session.SendAsync(SocketIoCodec.EncodeConnectError(socket.Namespace, result.Message!, result.Data)).ConfigureAwait(false);
        }

        // Refused (or gone while the handler decided): the client may send CONNECT again on this session.
        lock (_lock)
        {
            if (ReferenceEquals(_socket, socket))
            {
                _socket = null;
            }
        }

        socket.MarkDisconnected(SocketIoDisconnectReasons.TransportClose);
    }

    private async Task HandleEventAsync(SocketIoSocket socket, SocketIoPacket packet)
    {
        var ack = packet.AckId is { } id ? new SocketIoAck(socket, id) : null;
        try
        {
            await _handler.OnEventAsync(socket, packet.EventName, packet.Arguments(), ack, socket.Disconnected).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (socket.Disconnected.IsCancellationRequested)
        {
            // The socket went while the handler worked.
        }
        catch (Exception e)
        {
            SocketIoLog.HandlerFailed(_logger, e, _session.Id, "event");
        }
    }

    /// <summary>Forgets the socket and tells the handler, once; only sockets that were accepted are reported.</summary>
    private async Task EndSocketAsync(SocketIoSocket socket, string reason)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_socket, socket))
            {
                return;
            }

            _socket = null;
        }

        socket.MarkDisconnected(reason);
        if (!socket.WasAccepted)
        {
            return;
        }

        try
        {
            await _handler.OnDisconnectAsync(socket, socket.DisconnectReason ?? reason).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SocketIoLog.HandlerFailed(_logger, e, _session.Id, "disconnect");
        }
    }
}
