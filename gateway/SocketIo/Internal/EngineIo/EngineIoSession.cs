using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>
/// One Engine.IO session: a bounded outbound queue with exactly one writer at a time (the pending polling GET,
/// or the WebSocket send loop after an upgrade), the heartbeat, and the close protocol.
/// <para>
/// The writer lease is what keeps "one writer per transport" true across an upgrade: a polling GET holds it
/// while it drains the queue, and the WebSocket's send loop takes it only once that GET has answered (with a
/// noop, when the probe paused it), so no packet is written twice or on two transports at once.
/// </para>
/// </summary>
internal sealed partial class EngineIoSession
{
    private readonly Lock _lock = new();
    private readonly Channel<byte[]> _outbound;
    private readonly CancellationTokenSource _aborted = new();
    private readonly SemaphoreSlim _writerLease = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SocketIoOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private IEngineIoSessionListener? _listener;
    private TaskCompletionSource? _pong;
    private string? _closeReason;
    private string _transport;

    public EngineIoSession(string id, string transport, SocketIoHandshake handshake, SocketIoOptions options, TimeProvider time, ILogger logger)
    {
        Id = id;
        _transport = transport;
        Handshake = handshake;
        _options = options;
        _time = time;
        _logger = logger;
        _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.OutboundQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public string Id { get; }

    public SocketIoHandshake Handshake { get; }

    public string Transport
    {
        get
        {
            lock (_lock)
            {
                return _transport;
            }
        }
    }

    /// <summary>Cancelled when the session is torn down (after a hard close, or once a graceful close is flushed).</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Completes when the session is torn down and holds nothing.</summary>
    public Task Closed => _closed.Task;

    public bool IsClosing
    {
        get
        {
            lock (_lock)
            {
                return _closeReason is not null;
            }
        }
    }

    public string? CloseReason
    {
        get
        {
            lock (_lock)
            {
                return _closeReason;
            }
        }
    }

    public void Attach(IEngineIoSessionListener listener) => _listener = listener;

    /// <summary>Queues an encoded packet. Safe from any thread; waits while the queue is full; false once closing.</summary>
    public async ValueTask<bool> SendAsync(byte[] packet, CancellationToken cancellationToken = default)
    {
        try
        {
            await _outbound.Writer.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Closes the session once. Graceful: what is queued is still written, then the close (a <c>1</c> packet on
    /// polling, a close frame on WebSocket), with pingTimeout as the deadline. Otherwise torn down at once.
    /// </summary>
    public void Close(string reason, bool graceful)
    {
        bool first;
        lock (_lock)
        {
            first = _closeReason is null;
            _closeReason ??= reason;
        }

        if (first)
        {
            _outbound.Writer.TryComplete();
            SocketIoLog.SessionClosing(_logger, Id, reason);
            _listener?.OnClosed(reason);
        }

        if (!graceful)
        {
            // Also ends a graceful close that is still flushing.
            Abort();
        }
        else if (first)
        {
            _ = AbortAfterAsync(_options.PingTimeoutSpan);
        }
    }

    /// <summary>Starts the heartbeat: a ping every pingInterval, and a close when its pong is not back within pingTimeout.</summary>
    public void Start() => _ = HeartbeatAsync();

    private async Task HeartbeatAsync()
    {
        var ping = EngineIoCodec.Encode(EngineIoPacketType.Ping);
        try
        {
            while (true)
            {
                await Task.Delay(_options.PingIntervalSpan, _time, _aborted.Token).ConfigureAwait(false);
                var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_lock)
                {
                    _pong = pong;
                }

                // The ping waits its turn in the queue like any packet; a client that does not drain the queue
                // within pingTimeout is as dead as one that does not answer.
                using var deadline = new CancellationTokenSource(_options.PingTimeoutSpan, _time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _aborted.Token);
                try
                {
                    if (!await SendAsync(ping, wait.Token).ConfigureAwait(false))
                    {
                        return;
                    }

                    await pong.Task.WaitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_aborted.IsCancellationRequested)
                {
                    Close(SocketIoDisconnectReasons.PingTimeout, graceful: false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Torn down.
        }
    }

    /// <summary>Handles one packet from the client, whatever the transport.</summary>
    private async ValueTask OnInboundAsync(EngineIoPacket packet)
    {
        if (IsClosing)
        {
            return;
        }

        switch (packet.Type)
        {
            case EngineIoPacketType.Message:
                if (_listener is { } listener)
                {
                    await listener.OnMessageAsync(packet).ConfigureAwait(false);
                }

                break;
            case EngineIoPacketType.Pong:
                TaskCompletionSource? pong;
                lock (_lock)
                {
                    pong = _pong;
                }

                pong?.TrySetResult();
                break;
            case EngineIoPacketType.Noop:
                break;
            case EngineIoPacketType.Close:
                Close(SocketIoDisconnectReasons.TransportClose, graceful: false);
                break;
            default:
                // v4 clients never ping (the server does), nor open or upgrade an established transport.
                SocketIoLog.ProtocolViolation(_logger, Id, $"unexpected {packet.Type} packet");
                Close(SocketIoDisconnectReasons.ParseError, graceful: false);
                break;
        }
    }

    private async Task AbortAfterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _aborted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Abort();
    }

    /// <summary>Tears down: cancels every wait of the transports, frees the sid. Idempotent.</summary>
    private void Abort()
    {
        lock (_lock)
        {
            _closeReason ??= SocketIoDisconnectReasons.TransportClose;
        }

        _outbound.Writer.TryComplete();
        try
        {
            _aborted.Cancel();
        }
        catch (AggregateException e)
        {
            SocketIoLog.AbortCallbackFailed(_logger, e, Id);
        }

        _closed.TrySetResult();
    }
}
