using System.Security.Claims;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// One connected socket of one user, whatever its wire protocol: the ordered, resumable view of the user's
/// stream that the socket receives, its one bounded outbound queue and its one send loop.
/// <para>
/// <b>Ordering and delivery.</b> The user feed hands every stream item to every session of the user in
/// stream order (<see cref="OnStreamItem"/>). A session delivers each item at most once, in <c>seq</c> order:
/// it drops items at or below the last <c>seq</c> it passed, and when an item skips ahead (a lost delivery)
/// or comes from another epoch, it holds live items and repairs the range from the stream's history, exactly
/// as a resuming client does, or sends <c>resync_required</c> when the history no longer has it. Nothing is
/// skipped silently. The history does not keep ephemeral events, so a lost one cannot be repaired: the read
/// vouches for the range instead, the items it covers that still arrive live are delivered, and the gap they
/// leave is not read again. Events the socket excluded or filtered out still advance its position.
/// </para>
/// <para>
/// <b>Phases.</b> A new session holds live items until <see cref="GoLive"/> or <see cref="ResumeAsync"/>
/// decides where it starts; the held items are then delivered after the replay, without duplicates.
/// </para>
/// Thread-safety: the feed calls in from its own turn; the endpoint calls the public methods from the
/// receive loop. State is guarded by one short lock, and nothing is awaited under it.
/// </summary>
internal abstract partial class GatewaySession
{
    private readonly Lock _lock = new();
    private readonly List<FeedItem> _pending = [];
    private bool _live;
    private bool _repairing;
    private long _epoch;
    private long _lastSeq;

    // In _epoch: a history read vouched that every item the history keeps, up to here, was read. The sequences
    // between _lastSeq and it are items the history does not keep (ephemeral events): such an item may still
    // arrive live and is delivered, and its absence is no gap to repair.
    private long _vouchedTo;
    private bool _anyEventSent;

    protected GatewaySession(SessionServices services, string userId, ClaimsPrincipal principal, DateTimeOffset? tokenExpiresAt, string protocol, string? sessionId = null)
    {
        Services = services;
        UserId = userId;
        Principal = Slim(principal);
        Protocol = protocol;
        SessionId = sessionId is not null && IsSessionId(sessionId) ? sessionId : NewSessionId();
        Queue = new OutboundQueue(services.Options.OutboundQueueCapacity, services.Metrics.Shed.Add);
        Logger = services.LoggerFactory.CreateLogger(GetType());
        _tokenExpiresAt = tokenExpiresAt;
    }

    public string SessionId { get; }

    /// <summary>The user whose stream this socket receives.</summary>
    public string UserId { get; }

    /// <summary>The authenticated caller (for document 002's notifications channel an admin may watch another user).</summary>
    public ClaimsPrincipal Principal { get; private set; }

    /// <summary><c>ws</c>, <c>notifications</c>, <c>chat</c> or <c>socket.io</c>: reported to presence.</summary>
    public string Protocol { get; }

    /// <summary>The device the client named (<c>?device=</c>), for presence; <c>unknown</c> otherwise.</summary>
    public string Device { get; init; } = "unknown";

    /// <summary>The stream of <see cref="UserId"/>, for history reads; set when the feed attaches the session.</summary>
    public IAsyncStream<Envelope>? Stream { get; internal set; }

    internal OutboundQueue Queue { get; }

    /// <summary>The user feed this session is attached to.</summary>
    internal UserFeed? Feed { get; set; }

    protected SessionServices Services { get; }

    protected ILogger Logger { get; }

    protected DateTimeOffset Now => Services.Time.GetUtcNow();

    /// <summary>Whether this socket wants <paramref name="item"/> (its endpoint and its subscriptions).</summary>
    protected abstract bool Accepts(FeedItem item);

    /// <summary>Encodes a connection-level message (a catalog contract record) in this socket's wire format.</summary>
    protected abstract ReadOnlyMemory<byte> EncodeControl(object data, string? id);

    /// <summary>Queues a connection-level message (pong, error, acknowledgement). Always delivered regardless of subscriptions.</summary>
    public void SendControl(object data, string? id = null) => Push(OutboundMessage.Control(EncodeControl(data, id)));

    /// <summary>Called by the user feed, in stream order, for every item of the user's stream.</summary>
    public void OnStreamItem(FeedItem item) => Offer(item);

    /// <summary>
    /// Called by the feed's periodic position check with the stream's current position. A live item that skips
    /// ahead reveals a lost delivery, but only when a later item comes; a position past the last item passed
    /// reveals it without one (the last events before the stream went quiet, lost while the gateway's cluster
    /// connection was down), and is repaired from the history the same way. An item still on its way when the
    /// position was read only costs a read that finds it.
    /// </summary>
    public void OnStreamPosition(StreamSequenceToken position)
    {
        lock (_lock)
        {
            if (_live && !_repairing && IsBeyondWhatIsKnown(position))
            {
                StartRepairLocked();
            }
        }
    }

    /// <summary>Called by the broadcast feed for every broadcast; it carries no <c>seq</c> and is never replayed.</summary>
    public void OnBroadcast(FeedItem item) => Offer(item);

    /// <summary>Starts live delivery after <paramref name="position"/> (a fresh socket starts at the stream's current position).</summary>
    public void GoLive(StreamSequenceToken position)
    {
        lock (_lock)
        {
            if (_live || _repairing)
            {
                return;
            }

            MoveToLocked(position);
            DrainPendingLocked();
        }
    }

    /// <summary>Whether a <c>resume</c> message may still be honoured: nothing of the stream was delivered and the session is not live.</summary>
    public bool CanResume
    {
        get
        {
            lock (_lock)
            {
                return !_live && !_anyEventSent;
            }
        }
    }

    private void Offer(FeedItem entry)
    {
        lock (_lock)
        {
            if (!_live || _repairing)
            {
                if (_pending.Count >= Services.Options.OutboundQueueCapacity)
                {
                    CloseSlowLocked();
                    return;
                }

                _pending.Add(entry);
                return;
            }

            if (entry.Token is { } token && Classify(token) == Position.Ahead)
            {
                _pending.Add(entry);
                StartRepairLocked();
                return;
            }

            DeliverLocked(entry);
        }
    }

    /// <summary>
    /// Where <paramref name="token"/> stands against the last item passed. Epochs only grow, so an older epoch
    /// is stale; a newer epoch, or a skipped sequence, is ahead and needs a repair.
    /// </summary>
    private Position Classify(StreamSequenceToken token)
    {
        if (token.Epoch < _epoch || (token.Epoch == _epoch && token.Sequence <= _lastSeq))
        {
            return Position.Stale;
        }

        if (token.Epoch != _epoch)
        {
            return Position.Ahead;
        }

        // Between _lastSeq and _vouchedTo only items the history does not keep: none of them is a gap.
        return token.Sequence <= KnownThrough + 1 ? Position.Next : Position.Ahead;
    }

    /// <summary>In <see cref="_epoch"/>: every item the history keeps up to here reached this session.</summary>
    private long KnownThrough => Math.Max(_lastSeq, _vouchedTo);

    /// <summary>Whether the stream's <paramref name="position"/> says an item the history keeps has not reached this session.</summary>
    private bool IsBeyondWhatIsKnown(StreamSequenceToken position) =>
        position.Epoch > _epoch || (position.Epoch == _epoch && position.Sequence > KnownThrough);

    /// <summary>Makes <paramref name="position"/> the last item passed; what a read vouched for in another epoch no longer holds.</summary>
    private void MoveToLocked(StreamSequenceToken position)
    {
        if (position.Epoch != _epoch)
        {
            _vouchedTo = 0;
        }

        _epoch = position.Epoch;
        _lastSeq = position.Sequence;
    }

    /// <summary>Delivers held items in order. Runs under the lock; stops early if one of them needs a repair.</summary>
    private void DrainPendingLocked()
    {
        _live = true;
        var index = 0;
        for (; index < _pending.Count; index++)
        {
            var entry = _pending[index];
            if (entry.Token is { } token && Classify(token) == Position.Ahead)
            {
                _pending.RemoveRange(0, index);
                StartRepairLocked();
                return;
            }

            DeliverLocked(entry);
        }

        _pending.Clear();
    }

    private void DeliverLocked(FeedItem item)
    {
        if (item.Token is { } token)
        {
            if (Classify(token) == Position.Stale)
            {
                return;
            }

            MoveToLocked(token);
        }

        if (item.Envelope.ExcludeSessionId == SessionId || !Accepts(item))
        {
            return;
        }

        _anyEventSent = true;
        Push(OutboundMessage.Event(item));
    }

    private void ResyncLocked(string reason, StreamSequenceToken position)
    {
        MoveToLocked(position);
        _anyEventSent = true;
        Services.Metrics.Resyncs.Add(1);
        Push(OutboundMessage.Control(EncodeControl(new ResyncRequiredData(reason, position.Epoch, position.Sequence), null)));
    }

    /// <summary>Queues a message; a durable one that finds no room closes the socket as a slow consumer.</summary>
    private void Push(OutboundMessage message)
    {
        switch (Queue.Enqueue(message))
        {
            case EnqueueResult.Overflow:
                lock (_lock)
                {
                    CloseSlowLocked();
                }

                break;
        }
    }

    private void CloseSlowLocked()
    {
        if (_closing)
        {
            return;
        }

        Services.Metrics.SlowConsumers.Add(1);
        LogSlowConsumer(Logger, SessionId, UserId, Services.Options.OutboundQueueCapacity);
        RequestClose(GatewayCloseCodes.SlowConsumer, "slow_consumer: reconnect and resume");
    }

    private enum Position
    {
        Stale,
        Next,
        Ahead,
    }

    /// <summary>A new session id: <c>sess_</c> and 32 hex digits.</summary>
    public static string NewSessionId() => "sess_" + Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="value"/> has the form of a session id (a resuming client may hand its old one back).</summary>
    public static bool IsSessionId(string? value) =>
        value is { Length: 37 } && value.StartsWith("sess_", StringComparison.Ordinal) && value.AsSpan(5).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>
    /// The claims a session needs later (<c>sub</c>, roles, wallets, <c>exp</c>), without the validated token the
    /// handler's identity carries: a socket lives for hours, and the token and its claim objects were about
    /// 1.5 KB of every idle socket.
    /// </summary>
    internal static ClaimsPrincipal Slim(ClaimsPrincipal principal)
    {
        var claims = principal.Claims
            .Where(c => c.Type is RealtimeClaimTypes.Subject or RealtimeClaimTypes.Roles or RealtimeClaimTypes.Wallet or "exp")
            .Select(c => new Claim(c.Type, c.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, principal.Identity?.AuthenticationType ?? JwtAuthenticationDefaults.Scheme, RealtimeClaimTypes.Subject, RealtimeClaimTypes.Roles));
    }

    internal static string? UserIdOf(ClaimsPrincipal principal) => principal.FindFirst(RealtimeClaimTypes.Subject)?.Value;
}
