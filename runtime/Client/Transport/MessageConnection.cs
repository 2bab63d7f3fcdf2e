using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport.Internal;

namespace OrleansRealtime.Client.Transport;

/// <summary>
/// One live, handshaken TCP connection to a silo or client, usable in both directions: <see cref="Send"/>
/// writes requests, the peer's requests go to the <see cref="IInboundMessageHandler"/>, and responses travel
/// back on the same connection, matched by request id.
/// </summary>
/// <remarks>
/// Delivery: at most once. Order: messages sent from one thread are written in send order (one queue, one
/// send loop), and the peer's handler receives them in that order. A call in flight when the connection
/// closes, for whatever reason, fails at once with <see cref="SiloUnavailableException"/>: callers never wait
/// out their response timeout for a dead connection. Thread-safe.
/// </remarks>
public sealed partial class MessageConnection : IMessageSink, IAsyncDisposable
{
    private readonly ConnectionContext _context;
    private readonly bool _ownsContext;
    private readonly RealtimeSerializer _serializer;
    private readonly IInboundMessageHandler _handler;
    private readonly TransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<OutboundFrame> _outbound = Channel.CreateUnbounded<OutboundFrame>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private Dictionary<long, PendingCall> _pending = [];
    private volatile bool _closed;
    private long _nextRequestId;
    private long _queuedBytes;
    private long _lastSend;
    private long _lastReceive;
    private ITimer? _timer;

    internal MessageConnection(
        ConnectionContext context,
        bool ownsContext,
        HandshakeInfo remote,
        RealtimeSerializer serializer,
        IInboundMessageHandler handler,
        TransportOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _context = context;
        _ownsContext = ownsContext;
        Remote = remote;
        RemoteEndPoint = context.RemoteEndPoint as IPEndPoint;
        _serializer = serializer;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger;
        _lastSend = _lastReceive = time.GetTimestamp();
    }

    /// <summary>What the peer said in its hello.</summary>
    public HandshakeInfo Remote { get; }

    public IPEndPoint? RemoteEndPoint { get; }

    /// <summary>False once the connection closed; a <see cref="Send"/> then fails at once.</summary>
    public bool IsConnected => !_closed;

    /// <summary>Completes (never faults) once the connection is closed and its loops have ended.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Calls waiting for a response (diagnostics).</summary>
    public int PendingCallCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>For tests: raised on the receive loop for every Ping and Pong received.</summary>
    internal event Action<FrameType>? KeepAliveReceived;

    /// <summary>
    /// Sends a request; one-way when <see cref="Message.Response"/> is null. Never throws. Arguments that cannot
    /// be serialized fail the sink with <see cref="GrainSerializationException"/> and nothing is sent. On a closed
    /// connection, or when it closes before the response arrives, the sink fails with
    /// <see cref="SiloUnavailableException"/> at once. The result (or exception) is passed to the sink on the
    /// receive loop, already deserialized; a <c>GrainRedirectException</c> there carries the grain's new address.
    /// </summary>
    public void Send(Message message)
    {
        var sink = message.Response;
        if (_closed)
        {
            sink?.Fail(Unavailable(message));
            return;
        }

        long requestId = Interlocked.Increment(ref _nextRequestId);
        OutboundFrame frame;
        try
        {
            frame = FrameCodec.Request(requestId, message, _serializer.Options, _options.MaxFrameSize);
        }
        catch (Exception ex)
        {
            var failure = ex as GrainSerializationException
                ?? new GrainSerializationException($"The arguments of {message.Request} cannot be serialized: {ex.Message}", ex);
            if (sink is null)
            {
                Log.OneWayNotSerializable(_logger, message.Request.ToString(), failure.Message);
            }

            sink?.Fail(failure);
            return;
        }

        if (sink is not null)
        {
            // Registered before the frame is queued, so the response can never arrive first; under the lock
            // that Close takes, so a call is either failed by Close or sees _closed here.
            bool closed;
            lock (_lock)
            {
                closed = _closed;
                if (!closed)
                {
                    _pending.Add(requestId, new PendingCall(message.Request, sink));
                }
            }

            if (closed)
            {
                frame.Return();
                sink.Fail(Unavailable(message));
                return;
            }
        }

        Enqueue(frame);
    }

    /// <summary>Closes the connection and fails every pending call with <see cref="SiloUnavailableException"/>; waits for the loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Close("the connection was disposed locally", null);
        await Completion.ConfigureAwait(false);
    }

    public override string ToString() => $"{Remote.Role} '{Remote.SenderId}' at {RemoteEndPoint}";

    internal void Start()
    {
        _ = Task.Run(RunAsync);
        var period = _options.TickPeriod;
        if (period != Timeout.InfiniteTimeSpan)
        {
            _timer = _time.CreateTimer(static state => ((MessageConnection)state!).OnTick(), this, period, period);
        }

        // Close may have run before the timer existed.
        if (_closed)
        {
            Interlocked.Exchange(ref _timer, null)?.Dispose();
        }
    }

    /// <summary>Closes once: stops both loops, aborts the socket, fails pending calls, tells the handler.</summary>
    internal void Close(string reason, Exception? error)
    {
        Dictionary<long, PendingCall> pending;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            pending = _pending;
            _pending = [];
        }

        _outbound.Writer.TryComplete();
        Interlocked.Exchange(ref _timer, null)?.Dispose();
        _context.Transport.Input.CancelPendingRead();
        _context.Abort(new ConnectionAbortedException(reason));
        Log.Closed(_logger, Remote.Role, Remote.SenderId, RemoteEndPoint, reason, pending.Count);

        foreach (var call in pending.Values)
        {
            call.Sink.Fail(new SiloUnavailableException($"The connection to {this} closed before {call.Request} got its response: {reason}.", error));
        }

        try
        {
            _handler.OnClosed(this, error);
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, nameof(IInboundMessageHandler.OnClosed), ex);
        }
    }

    private async Task RunAsync()
    {
        await Task.WhenAll(SendLoopAsync(), ReceiveLoopAsync()).ConfigureAwait(false);
        if (_ownsContext)
        {
            try
            {
                await _context.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.HandlerFailed(_logger, "DisposeAsync", ex);
            }
        }

        _completion.TrySetResult();
    }

    /// <summary>Keep-alive and idle check; runs every half of the shorter of the two intervals.</summary>
    private void OnTick()
    {
        if (_closed)
        {
            return;
        }

        long now = _time.GetTimestamp();
        if (_options.IdleTimeout != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(Volatile.Read(ref _lastReceive), now) >= _options.IdleTimeout)
        {
            Close($"nothing was received for {_options.IdleTimeout} (IdleTimeout)", new TimeoutException("The peer went silent."));
            return;
        }

        if (_options.KeepAliveInterval != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(Volatile.Read(ref _lastSend), now) >= _options.KeepAliveInterval)
        {
            Volatile.Write(ref _lastSend, now);
            Enqueue(FrameCodec.Empty(FrameType.Ping));
        }
    }

    private SiloUnavailableException Unavailable(Message message) =>
        new($"The connection to {this} is closed; {message} was not sent.");
}
