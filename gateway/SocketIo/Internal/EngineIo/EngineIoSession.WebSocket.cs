using System.Buffers;
using System.Net.WebSockets;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

internal sealed partial class EngineIoSession
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private bool _upgradeCandidate;
    private (WebSocketCloseStatus Status, string Description)? _closeFrame;
    private bool _closeFrameSent;

    /// <summary>Claims the session for a WebSocket upgrade; false when closing, not on polling, or another upgrade runs.</summary>
    public bool TryBeginUpgrade()
    {
        lock (_lock)
        {
            if (_closeReason is not null || _transport != EngineIoTransports.Polling || _upgradeCandidate)
            {
                return false;
            }

            _upgradeCandidate = true;
            return true;
        }
    }

    /// <summary>The upgrade failed (bad probe, timeout): polling resumes.</summary>
    public void AbortUpgrade()
    {
        lock (_lock)
        {
            _upgradeCandidate = false;
            _upgrading = false;
        }
    }

    /// <summary>
    /// Runs the session over <paramref name="socket"/> until either ends: a receive loop here and the single
    /// send loop beside it. For an upgrade, the switch happens here (after the client's upgrade packet).
    /// </summary>
    public async Task RunWebSocketAsync(WebSocket socket)
    {
        lock (_lock)
        {
            _transport = EngineIoTransports.WebSocket;
            _upgrading = false;
        }

        var sending = SendLoopAsync(socket);
        await ReceiveLoopAsync(socket).ConfigureAwait(false);
        await sending.ConfigureAwait(false);

        // The session may still be flushing to a peer that closed; its close deadline bounds this wait.
        await Closed.ConfigureAwait(false);
        socket.Abort();
        socket.Dispose();
    }

    private async Task SendLoopAsync(WebSocket socket)
    {
        try
        {
            // Waits for a polling GET that is still answering (with the noop of the pause) to finish.
            await _writerLease.WaitAsync(_aborted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var reader = _outbound.Reader;
            while (await reader.WaitToReadAsync(_aborted.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var packet))
                {
                    await socket.SendAsync(packet, WebSocketMessageType.Text, endOfMessage: true, _aborted.Token).ConfigureAwait(false);
                }
            }

            // Closed gracefully and flushed: say goodbye with a close frame (Engine.IO sends no close packet here).
            // Written by this loop, never by the receive loop, so the socket keeps a single writer to the end.
            (WebSocketCloseStatus Status, string Description)? frame;
            lock (_lock)
            {
                frame = _closeFrame;
            }

            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout, _time);
            await socket.CloseOutputAsync(frame?.Status ?? WebSocketCloseStatus.NormalClosure, frame?.Description, timeout.Token).ConfigureAwait(false);

            lock (_lock)
            {
                _closeFrameSent = true;
            }

            // Unless the peer's close frame already came, aborting now could drop ours before it leaves: the
            // receive loop ends the session when the peer answers it, this deadline when it never does.
            if (socket.State == WebSocketState.Closed)
            {
                Abort();
            }
            else
            {
                _ = AbortAfterAsync(CloseHandshakeTimeout);
            }

            return;
        }
        catch (OperationCanceledException)
        {
            // Torn down.
        }
        catch (WebSocketException)
        {
            Close(SocketIoDisconnectReasons.TransportError, graceful: false);
        }
        finally
        {
            _writerLease.Release();
        }

        Abort();
    }

    private async Task ReceiveLoopAsync(WebSocket socket)
    {
        var limit = _options.MaxPayload;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), _aborted.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // The peer closed (or answered our close frame): the send loop answers with its own frame.
                    Close(SocketIoDisconnectReasons.TransportClose, graceful: true);
                    if (IsFlushed)
                    {
                        Abort();
                    }

                    return;
                }

                if (IsClosing)
                {
                    // Closing: read on only to see the peer's close frame; what it sends meanwhile is dropped.
                    message.Clear();
                    continue;
                }

                if (message.WrittenCount + result.Count > limit)
                {
                    SocketIoLog.PayloadTooLarge(_logger, Id, limit);
                    CloseWithFrame(WebSocketCloseStatus.MessageTooBig, "payload too large", SocketIoDisconnectReasons.TransportError);
                    continue;
                }

                message.Write(chunk.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var packet = result.MessageType == WebSocketMessageType.Binary
                    ? DecodeResult<EngineIoPacket>.Success(new EngineIoPacket(EngineIoPacketType.Message, Binary: message.WrittenSpan.ToArray()))
                    : EngineIoCodec.DecodeTextFrame(message.WrittenSpan);
                message.Clear();
                if (!packet.IsSuccess)
                {
                    SocketIoLog.ProtocolViolation(_logger, Id, packet.Error!);
                    CloseWithFrame(WebSocketCloseStatus.InvalidPayloadData, "parse error", SocketIoDisconnectReasons.ParseError);
                    continue;
                }

                await OnInboundAsync(packet.Value).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Torn down (the send loop closes the socket).
        }
        catch (WebSocketException)
        {
            Close(SocketIoDisconnectReasons.TransportClose, graceful: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);

            // Whatever ended the reading ends the session; a send loop still flushing has the close deadline.
            if (!IsClosing)
            {
                Close(SocketIoDisconnectReasons.TransportClose, graceful: false);
            }
        }
    }

    /// <summary>True once the send loop has written its close frame (nothing more will be written).</summary>
    private bool IsFlushed
    {
        get
        {
            lock (_lock)
            {
                return _closeFrameSent;
            }
        }
    }

    /// <summary>Closes gracefully, the send loop ending with this close frame instead of a normal one.</summary>
    private void CloseWithFrame(WebSocketCloseStatus status, string description, string reason)
    {
        lock (_lock)
        {
            _closeFrame ??= (status, description);
        }

        Close(reason, graceful: true);
    }
}
