using System.Collections.Concurrent;
using System.Text.Json;
using OrleansRealtime.Gateway.SocketIo.Internal;
using OrleansRealtime.Gateway.SocketIo.Internal.Protocol;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>
/// One client's connection to the main namespace <c>/</c>. Safe to use from any thread.
/// <para>
/// Emits are written to the client in the order the calls were made (one bounded outbound queue and one writer
/// per session). When the queue is full an emit waits (backpressure) instead of buffering without bound; a client
/// that stops reading is closed by the heartbeat. Delivery is at most once: packets queued when the transport
/// drops are lost (connection state recovery, with offsets, is the layer above's job).
/// </para>
/// </summary>
public sealed partial class SocketIoSocket
{
    private readonly ISocketIoPacketSink _sink;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _disconnected = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<IReadOnlyList<JsonElement>>> _pendingAcks = new();
    private int _nextAckId = -1;
    private State _state = State.Connecting;
    private string? _disconnectReason;

    internal SocketIoSocket(string id, SocketIoHandshake handshake, ISocketIoPacketSink sink)
    {
        Id = id;
        Handshake = handshake;
        _sink = sink;
    }

    private enum State
    {
        Connecting,
        Connected,
        Disconnected,
    }

    /// <summary>The socket id sent to the client in the CONNECT reply (<c>socket.id</c> there); not the Engine.IO sid.</summary>
    public string Id { get; }

    /// <summary>Always <c>/</c>: other namespaces are refused.</summary>
    public string Namespace => SocketIoPacket.MainNamespace;

    public SocketIoHandshake Handshake { get; }

    /// <summary>The transport in use now: <c>polling</c> or <c>websocket</c> (after an upgrade).</summary>
    public string Transport => _sink.Transport;

    /// <summary>Application state for this socket (who it is, what it joined).</summary>
    public ConcurrentDictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);

    public bool IsConnected
    {
        get
        {
            lock (_lock)
            {
                return _state == State.Connected;
            }
        }
    }

    /// <summary>Cancelled when the socket disconnects, for whatever reason.</summary>
    public CancellationToken Disconnected => _disconnected.Token;

    /// <summary>Why the socket disconnected (one of <see cref="SocketIoDisconnectReasons"/>), or null while it is not.</summary>
    public string? DisconnectReason
    {
        get
        {
            lock (_lock)
            {
                return _disconnectReason;
            }
        }
    }

    /// <summary>
    /// Emits <paramref name="eventName"/> with <paramref name="args"/> serialized with the app's HTTP JSON options.
    /// True when queued; false when the socket is disconnected (emits to a gone socket are dropped, not thrown).
    /// </summary>
    public ValueTask<bool> EmitAsync(string eventName, params object?[] args) => EmitAsync(eventName, ToElements(args));

    /// <summary>
    /// Emits <paramref name="eventName"/> with <paramref name="args"/>; with <paramref name="offset"/>, the offset is
    /// appended as the last argument, which is where socket.io-client (4.6+, connection state recovery) reads the
    /// offset of the last event it received. Waits while the outbound buffer is full.
    /// </summary>
    public ValueTask<bool> EmitAsync(string eventName, IReadOnlyList<JsonElement> args, string? offset = null, CancellationToken cancellationToken = default)
    {
        ValidateEventName(eventName);
        ArgumentNullException.ThrowIfNull(args);
        return CanEmit() ? _sink.SendAsync(SocketIoCodec.EncodeEvent(Namespace, null, eventName, args, offset), cancellationToken) : ValueTask.FromResult(false);
    }

    /// <summary>Asks the client to disconnect this socket (DISCONNECT, then the session closes once it is flushed).</summary>
    public ValueTask DisconnectAsync() => _sink.DisconnectAsync(this);

    /// <summary>
    /// Closes the connection under this socket without a DISCONNECT (the reference server's <c>socket.conn.close()</c>):
    /// socket.io-client reports <c>transport close</c> and reconnects by itself, sending its pid and offset when the
    /// CONNECT reply gave it a pid. With <paramref name="flush"/> what is queued is written first (bounded by
    /// pingTimeout); without, the connection is torn down at once. The disconnect reason is
    /// <see cref="SocketIoDisconnectReasons.ForcedClose"/>. Idempotent.
    /// </summary>
    public void CloseTransport(bool flush = true) => _sink.CloseTransport(flush);

    /// <summary>The connect was accepted (so a disconnect is reported to the handler).</summary>
    internal bool WasAccepted { get; private set; }

    internal IReadOnlyList<JsonElement> ToElements(object?[]? args)
    {
        if (args is null || args.Length == 0)
        {
            return [];
        }

        var elements = new JsonElement[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            elements[i] = args[i] is JsonElement element ? element : JsonSerializer.SerializeToElement(args[i], args[i]?.GetType() ?? typeof(object), _sink.Json);
        }

        return elements;
    }

    internal ValueTask<bool> SendAckAsync(int id, IReadOnlyList<JsonElement> args, CancellationToken cancellationToken) =>
        CanEmit() ? _sink.SendAsync(SocketIoCodec.EncodeAck(Namespace, id, args), cancellationToken) : ValueTask.FromResult(false);

    internal bool MarkConnected()
    {
        lock (_lock)
        {
            if (_state != State.Connecting)
            {
                return false;
            }

            _state = State.Connected;
            WasAccepted = true;
            return true;
        }
    }

    /// <summary>Moves to disconnected (once); cancels <see cref="Disconnected"/> and fails waiting acks after the lock is released.</summary>
    internal bool MarkDisconnected(string reason)
    {
        lock (_lock)
        {
            if (_state == State.Disconnected)
            {
                return false;
            }

            _state = State.Disconnected;
            _disconnectReason = reason;
        }

        _disconnected.Cancel();
        foreach (var id in _pendingAcks.Keys)
        {
            if (_pendingAcks.TryRemove(id, out var pending))
            {
                pending.TrySetException(new SocketIoDisconnectedException(reason));
            }
        }

        return true;
    }

    private bool CanEmit()
    {
        lock (_lock)
        {
            return _state != State.Disconnected;
        }
    }

    private static void ValidateEventName(string eventName)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (SocketIoCodec.ReservedEventNames.Contains(eventName))
        {
            throw new ArgumentException($"'{eventName}' is a reserved Socket.IO event name.", nameof(eventName));
        }
    }
}
