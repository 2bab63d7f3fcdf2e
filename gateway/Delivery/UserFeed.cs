using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Delivery;

/// <summary>
/// This gateway's one subscription to one user's stream, shared by every local session of that user: each
/// stream item is wrapped once (and serialized once) and offered to every session in stream order. The
/// subscription is a client lease the cluster client renews; it is released with the last session. The
/// feed also renews the presence of its sessions in the user grain: one call per period for all of them.
/// <para>
/// Guarantees: items reach sessions in the order the stream delivers them; the feed never blocks the
/// stream (sessions only enqueue) and never throws back into it, so one bad socket cannot stall or fail the
/// user's publisher. Loss between the stream and this feed is repaired by the sessions (by <c>seq</c>), at the
/// next live item or, when none comes, at the feed's periodic position check.
/// </para>
/// </summary>
internal sealed partial class UserFeed : IAsyncObserver<Envelope>
{
    private readonly Lock _lock = new();
    private readonly SessionServices _services;
    private readonly ILogger _logger;
    private GatewaySession[] _sessions = [];
    private StreamSubscriptionHandle<Envelope>? _handle;
    private ITimer? _presenceTimer;

    public UserFeed(string userId, IAsyncStream<Envelope> stream, SessionServices services, ILogger logger)
    {
        UserId = userId;
        Stream = stream;
        _services = services;
        _logger = logger;
        Ready = SubscribeAsync();
    }

    public string UserId { get; }

    public IAsyncStream<Envelope> Stream { get; }

    /// <summary>Completes when the subscription is registered: from then on every published item reaches the sessions live.</summary>
    public Task Ready { get; }

    /// <summary>Adds a session; false when the feed was already closed (its last session left), so the caller makes a new feed.</summary>
    public bool TryAdd(GatewaySession session)
    {
        lock (_lock)
        {
            if (Closed)
            {
                return false;
            }

            _sessions = [.. _sessions, session];
            return true;
        }
    }

    /// <summary>Removes a session; true when it was the last, and the feed is now closed.</summary>
    public bool Remove(GatewaySession session)
    {
        lock (_lock)
        {
            _sessions = [.. _sessions.Where(s => !ReferenceEquals(s, session))];
            Closed = _sessions.Length == 0;
            return Closed;
        }
    }

    public bool Closed { get; private set; }

    public Task OnNextAsync(Envelope item, StreamSequenceToken? token = null)
    {
        try
        {
            var feedItem = new FeedItem(item, token);
            foreach (var session in Volatile.Read(ref _sessions))
            {
                session.OnStreamItem(feedItem);
            }
        }
        catch (Exception ex)
        {
            // Never fail the stream's delivery: the rendezvous would only log it, and the sessions repair gaps.
            LogFanOutFailed(_logger, ex, UserId);
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Releases the subscription and stops renewing presence (after the last session left).</summary>
    public async Task CloseAsync()
    {
        try
        {
            // The subscription creates the presence timer when it completes, so stop the timer after it.
            await Ready.ConfigureAwait(false);
            _presenceTimer?.Dispose();
            if (_handle is not null)
            {
                await _handle.UnsubscribeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // The lease runs out by itself when it is not renewed.
            LogUnsubscribeFailed(_logger, ex, UserId);
        }
    }

    private async Task SubscribeAsync()
    {
        _handle = await Stream.SubscribeAsync(this).ConfigureAwait(false);
        var period = _services.Options.PresenceRenewalPeriod;
        _presenceTimer = _services.Time.CreateTimer(_ => _ = OnTimerAsync(), null, period, period);
    }

    /// <summary>Registers or renews one session's presence (idempotent). Failures are logged: presence is soft state.</summary>
    public async Task ConnectPresenceAsync(GatewaySession session)
    {
        try
        {
            await _services.Grains.GetGrain<IUserGrain>(UserId).ConnectSessionAsync(InfoOf(session)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPresenceFailed(_logger, ex, UserId);
        }
    }

    public async Task DisconnectPresenceAsync(GatewaySession session)
    {
        try
        {
            await _services.Grains.GetGrain<IUserGrain>(UserId).DisconnectSessionAsync(session.SessionId).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPresenceFailed(_logger, ex, UserId);
        }
    }

    /// <summary>The feed's periodic turn: renew presence, then check that no item was lost after the last one the sessions got.</summary>
    private async Task OnTimerAsync()
    {
        // Side by side: a slow user grain must not delay the repair.
        await Task.WhenAll(RenewPresenceAsync(), CheckPositionAsync()).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the stream's position to every session, so one that missed the stream's last items repairs them from
    /// history. Sessions otherwise notice a lost delivery only at the next live item, which a stream that went
    /// quiet never sends: an event lost while the cluster connection was down (the rendezvous could not deliver
    /// it and does not retry) would stay undelivered. One grain call per user per period, on the presence timer.
    /// </summary>
    internal async Task CheckPositionAsync()
    {
        var sessions = Volatile.Read(ref _sessions);
        if (sessions.Length == 0)
        {
            return;
        }

        try
        {
            var position = await Stream.GetPositionAsync().ConfigureAwait(false);
            foreach (var session in sessions)
            {
                session.OnStreamPosition(position);
            }
        }
        catch (Exception ex)
        {
            // The next period tries again; a live item that skips ahead repairs the gap before that anyway.
            LogPositionCheckFailed(_logger, ex, UserId);
        }
    }

    /// <summary>Renews the leases of every session of the feed with one grain call (it was one call per session).</summary>
    private async Task RenewPresenceAsync()
    {
        var sessions = Volatile.Read(ref _sessions);
        if (sessions.Length == 0)
        {
            return;
        }

        try
        {
            await _services.Grains.GetGrain<IUserGrain>(UserId).ConnectSessionsAsync([.. sessions.Select(InfoOf)]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPresenceFailed(_logger, ex, UserId);
        }
    }

    private SessionInfo InfoOf(GatewaySession session) => new()
    {
        SessionId = session.SessionId,
        Device = session.Device,
        Protocol = session.Protocol,
        Gateway = _services.GatewayId,
    };

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Fan-out of an item of user {UserId} failed")]
    private static partial void LogFanOutFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Could not release the stream subscription of user {UserId}; its lease will run out")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Could not read the stream position of user {UserId}; will check again")]
    private static partial void LogPositionCheckFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Could not update the presence of user {UserId}")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception, string userId);
}
