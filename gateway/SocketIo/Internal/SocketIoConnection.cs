using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;
using OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

namespace OrleansRealtime.Gateway.SocketIo.Internal;

/// <summary>
/// The Socket.IO v5 layer of one Engine.IO session: decodes packets, keeps the main namespace's socket, and
/// hands CONNECT, EVENT and DISCONNECT to the application one at a time through a bounded queue and a single
/// dispatch loop. ACKs for the server's emits skip that queue, so a handler can await one.
/// Protocol violations (a malformed packet, an EVENT before CONNECT, a reserved event name) close this session
/// only; binary attachments are answered with a CONNECT_ERROR saying they are not supported, then a close.
/// </summary>
internal sealed partial class SocketIoConnection : IEngineIoSessionListener, ISocketIoPacketSink
{
    internal const string InvalidNamespaceMessage = "Invalid namespace";
    internal const string BinaryNotSupportedMessage = "Binary attachments are not supported";
    internal const string ServerErrorMessage = "Internal server error";
    internal const string ConnectTimeoutReason = "connect timeout";

    private readonly Lock _lock = new();
    private readonly EngineIoSession _session;
    private readonly ISocketIoHandler _handler;
    private readonly SocketIoOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<SocketIoPacket> _inbound;
    private SocketIoSocket? _socket;
    private int _connectTimerGeneration;

    public SocketIoConnection(EngineIoSession session, ISocketIoHandler handler, SocketIoOptions options, JsonSerializerOptions json, TimeProvider time, ILogger logger)
    {
        _session = session;
        _handler = handler;
        _options = options;
        Json = json;
        Time = time;
        _logger = logger;
        _inbound = Channel.CreateBounded<SocketIoPacket>(new BoundedChannelOptions(options.InboundQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public JsonSerializerOptions Json { get; }

    public TimeProvider Time { get; }

    public TimeSpan DefaultAckTimeout => TimeSpan.FromMilliseconds(_options.AckTimeout);

    public string Transport => _session.Transport;

    public void Start()
    {
        _ = DispatchAsync();
        ArmConnectTimeout();
    }

    public ValueTask<bool> SendAsync(byte[] packet, CancellationToken cancellationToken) => _session.SendAsync(packet, cancellationToken);

    public async ValueTask DisconnectAsync(SocketIoSocket socket)
    {
        if (!socket.MarkDisconnected(SocketIoDisconnectReasons.ServerNamespaceDisconnect))
        {
            return;
        }

        // DISCONNECT, then the session: with only the main namespace, nothing is left to use it.
        await _session.SendAsync(SocketIoCodec.EncodeDisconnect(socket.Namespace)).ConfigureAwait(false);
        _session.Close(SocketIoDisconnectReasons.ServerNamespaceDisconnect, graceful: true);
    }

    public void CloseTransport(bool flush) => _session.Close(SocketIoDisconnectReasons.ForcedClose, graceful: flush);

    public void OnClosed(string reason)
    {
        SocketIoSocket? socket;
        lock (_lock)
        {
            socket = _socket;
        }

        // At once, so an emit awaiting an ack fails now; OnDisconnectAsync waits for the dispatch loop.
        socket?.MarkDisconnected(reason);
        _inbound.Writer.TryComplete();
    }

    public async ValueTask OnMessageAsync(EngineIoPacket message)
    {
        if (message.IsBinary)
        {
            await RefuseBinaryAsync(SocketIoPacket.MainNamespace).ConfigureAwait(false);
            return;
        }

        var decoded = SocketIoCodec.Decode(message.Text ?? string.Empty, _options.MaxJsonDepth);
        if (!decoded.IsSuccess)
        {
            Violation(decoded.Error!);
            return;
        }

        var packet = decoded.Value!;
        if (packet.IsBinary)
        {
            await RefuseBinaryAsync(packet.Namespace).ConfigureAwait(false);
            return;
        }

        if (packet.Namespace != SocketIoPacket.MainNamespace)
        {
            // Other namespaces exist for nobody: refuse a CONNECT, drop what a well-behaved client never sends.
            if (packet.Type == SocketIoPacketType.Connect)
            {
                await _session.SendAsync(SocketIoCodec.EncodeConnectError(packet.Namespace, InvalidNamespaceMessage, null)).ConfigureAwait(false);
            }

            return;
        }

        switch (packet.Type)
        {
            case SocketIoPacketType.Connect:
                SocketIoSocket? created = null;
                lock (_lock)
                {
                    if (_socket is null)
                    {
                        created = _socket = new SocketIoSocket(EngineIoServer.NewId(), _session.Handshake, this);
                    }
                }

                if (created is null)
                {
                    Violation("CONNECT while connected");
                    return;
                }

                await EnqueueAsync(packet).ConfigureAwait(false);
                break;
            case SocketIoPacketType.Ack:
                var acked = CurrentSocket();
                if (acked is null)
                {
                    Violation("ACK before CONNECT");
                    return;
                }

                acked.CompleteAck(packet.AckId!.Value, packet.Arguments());
                break;
            case SocketIoPacketType.Event or SocketIoPacketType.Disconnect:
                if (CurrentSocket() is null)
                {
                    Violation($"{packet.Type} before CONNECT");
                    return;
                }

                await EnqueueAsync(packet).ConfigureAwait(false);
                break;
            default:
                Violation($"{packet.Type} from a client");
                break;
        }
    }

    private SocketIoSocket? CurrentSocket()
    {
        lock (_lock)
        {
            return _socket;
        }
    }

    private async ValueTask EnqueueAsync(SocketIoPacket packet)
    {
        try
        {
            await _inbound.Writer.WriteAsync(packet).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The session closed meanwhile.
        }
    }

    private async ValueTask RefuseBinaryAsync(string nsp)
    {
        SocketIoLog.BinaryRefused(_logger, _session.Id);
        await _session.SendAsync(SocketIoCodec.EncodeConnectError(nsp, BinaryNotSupportedMessage, null)).ConfigureAwait(false);
        _session.Close(SocketIoDisconnectReasons.BinaryNotSupported, graceful: true);
    }

    private void Violation(string reason)
    {
        SocketIoLog.ProtocolViolation(_logger, _session.Id, reason);
        _session.Close(SocketIoDisconnectReasons.ParseError, graceful: false);
    }

    /// <summary>Closes the session when no namespace is connected within ConnectTimeout; re-armed whenever the socket goes.</summary>
    private void ArmConnectTimeout()
    {
        var generation = Interlocked.Increment(ref _connectTimerGeneration);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.ConnectTimeout), Time, _session.Aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_lock)
            {
                if (generation != _connectTimerGeneration || _socket is { IsConnected: true })
                {
                    return;
                }
            }

            SocketIoLog.ConnectTimedOut(_logger, _session.Id);
            _session.Close(ConnectTimeoutReason, graceful: false);
        });
    }
}
