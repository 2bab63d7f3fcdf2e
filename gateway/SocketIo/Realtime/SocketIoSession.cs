using System.Security.Claims;
using System.Text.Json;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;
using StreamSequenceToken = OrleansRealtime.Abstractions.Streams.StreamSequenceToken;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>
/// A joined Socket.IO socket as a gateway session: the user's stream, in order and resumable, written as
/// document 001's events. A stream event is emitted under its catalog <c>SocketIoEvent</c> name with its data
/// (or the one <c>SocketIoPayloadField</c>: <c>typing</c> is a bare bool) and its recovery offset as the last
/// argument; events without a Socket.IO name are not sent. Session notices become:
/// <list type="bullet">
/// <item><c>connection_error</c> (token expiry): <c>realtime:error</c> AUTH_EXPIRED, then the connection closes;</item>
/// <item><c>resync_required</c> (a gap the history cannot fill): nothing more is written and the connection
/// closes, so the client reconnects with the offset of the last event it really got, and learns from
/// <c>recovered: false</c> that it must start fresh. Never a silent gap;</item>
/// <item><c>reconnect</c> (drain): the connection closes and socket.io-client reconnects (elsewhere) and recovers.</item>
/// </list>
/// Every close of a session the socket still holds closes the transport without a DISCONNECT, so socket.io-client
/// reconnects by itself with its pid and offset.
/// </summary>
internal sealed class SocketIoSession : GatewaySession
{
    public const string ProtocolName = "socket.io";

    // A resync is not an event: it stops delivery (see WriteAsync). Compared by reference.
    private static readonly ReadOnlyMemory<byte> ResyncFrame = new byte[] { 0 };
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;

    private readonly SocketIoSocket _socket;
    private readonly string _proof;
    private int _recovering;
    private int _recoveryFailed;
    private bool _halted;

    public SocketIoSession(SessionServices services, string userId, ClaimsPrincipal principal, DateTimeOffset? tokenExpiresAt, SocketIoSocket socket, string pid, string proof)
        : base(services, userId, principal, tokenExpiresAt, ProtocolName)
    {
        _socket = socket;
        Pid = pid;
        _proof = proof;
    }

    /// <summary>The recovery pid of the socket's CONNECT reply; offsets written here carry its join proof.</summary>
    public string Pid { get; }

    /// <summary>Whether document 001 sends <paramref name="type"/> over Socket.IO (it has a <c>SocketIoEvent</c>).</summary>
    public static bool IsSocketIoEvent(string type) => EventCatalog.TryGet(type, out var d) && d.SocketIoEvent is not null;

    /// <summary>
    /// Replays what the client missed after <paramref name="after"/>, for a CONNECT that asks to recover. False
    /// when the range is gone (epoch changed, history trimmed or unavailable, too far behind): the CONNECT must
    /// then be answered as a fresh start, and this session dropped.
    /// </summary>
    public async Task<bool> TryRecoverAsync(StreamSequenceToken after)
    {
        Volatile.Write(ref _recovering, 1);
        try
        {
            await ResumeAsync(after).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _recovering, 0);
        }

        return Volatile.Read(ref _recoveryFailed) == 0;
    }

    protected override bool Accepts(FeedItem item) => IsSocketIoEvent(item.Envelope.Type);

    protected override ReadOnlyMemory<byte> EncodeControl(object data, string? id)
    {
        switch (data)
        {
            case ResyncRequiredData when Volatile.Read(ref _recovering) == 1:
                // Runs under the session's lock, inside ResumeAsync: the CONNECT is answered without recovery.
                Volatile.Write(ref _recoveryFailed, 1);
                return ReadOnlyMemory<byte>.Empty;
            case ResyncRequiredData:
                return ResyncFrame;
            case ConnectionErrorData error:
                return JsonSerializer.SerializeToUtf8Bytes(
                    new RealtimeErrorPayload(error.ErrorCode, error.Message + "; reconnect with a fresh token (pass auth as a function to refresh it)."),
                    EventJson.Options);
            default:
                // reconnect (drain) and anything else: the close that follows says it all.
                return ReadOnlyMemory<byte>.Empty;
        }
    }

    protected override async ValueTask WriteAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (_halted)
        {
            return;
        }

        bool written;
        if (message.Item is { } item)
        {
            var descriptor = EventCatalog.Get(item.Envelope.Type);
            var offset = item.Token is { } token ? RecoveryCodec.Offset(token, _proof) : null;
            written = await _socket.EmitAsync(descriptor.SocketIoEvent!, [PayloadOf(item.Envelope, descriptor)], offset, cancellationToken).ConfigureAwait(false);
        }
        else if (message.Frame.Equals(ResyncFrame))
        {
            // Everything after the gap must stay unwritten: the client's last offset is then the one before it.
            _halted = true;
            RequestClose(GatewayCloseCodes.InternalError, "resync_required: reconnect, recovery fails and the client starts fresh");
            return;
        }
        else if (message.Frame.IsEmpty)
        {
            return;
        }
        else
        {
            using var document = JsonDocument.Parse(message.Frame);
            written = await _socket.EmitAsync(SocketIoRealtimeEvents.Error, [document.RootElement.Clone()], null, cancellationToken).ConfigureAwait(false);
        }

        if (!written)
        {
            throw new IOException("The Socket.IO socket is gone.");
        }
    }

    protected override ValueTask WriteCloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        // Normal: the socket ended first, nothing to tell it. Any other (slow consumer, token expiry, drain,
        // resync, server error): close the transport, so the client reconnects and recovers.
        if (code != GatewayCloseCodes.Normal)
        {
            _socket.CloseTransport(flush: true);
        }

        return ValueTask.CompletedTask;
    }

    protected override void Abort() => _socket.CloseTransport(flush: false);

    private static JsonElement PayloadOf(Envelope envelope, EventDescriptor descriptor)
    {
        if (descriptor.SocketIoPayloadField is not { } field)
        {
            return envelope.Data;
        }

        return envelope.Data.ValueKind == JsonValueKind.Object && envelope.Data.TryGetProperty(field, out var value)
            ? value
            : Null;
    }
}
