using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Input;

namespace OrleansRealtime.Grains.Users;

// Presence and typing are soft state, held only in this activation: gateways renew their sessions'
// leases, so after a restart presence is complete again within one renewal period, and a gateway that
// died simply stops renewing. Persisting it would cost a write per renewal and bring back the sessions of
// dead pods after a restart.
public sealed partial class UserGrain
{
    private const string AnonymousSession = "";

    private readonly Dictionary<string, PresenceSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Sessions currently typing (<see cref="AnonymousSession"/> for a caller that gave none).</summary>
    private readonly HashSet<string> _typing = new(StringComparer.Ordinal);

    public async Task<PresenceSnapshot> ConnectSessionAsync(SessionInfo session)
    {
        ValidateSession(session);
        await ExpireDueSessionsAsync();
        await UpsertSessionAsync(session);
        return Presence();
    }

    public async Task<PresenceSnapshot> ConnectSessionsAsync(IReadOnlyList<SessionInfo> sessions)
    {
        RequiredInput.NotNull(sessions, "The sessions");
        foreach (var session in sessions)
        {
            ValidateSession(session);
        }

        await ExpireDueSessionsAsync();
        foreach (var session in sessions)
        {
            await UpsertSessionAsync(session);
        }

        return Presence();
    }

    private static void ValidateSession(SessionInfo session)
    {
        RequiredInput.NotNull(session, "The session");
        UserValidation.Key(session.SessionId, "invalid_session_id", "session id");
        UserValidation.Key(session.Device, "invalid_session_info", "device");
        UserValidation.Key(session.Protocol, "invalid_session_info", "protocol");
        UserValidation.OptionalKey(session.Gateway, "invalid_session_info", "gateway");
    }

    /// <summary>Adds or renews one session's lease and announces a change (a plain renewal is not news).</summary>
    private async Task UpsertSessionAsync(SessionInfo session)
    {
        var now = Now;
        string? change;
        if (_sessions.TryGetValue(session.SessionId, out var existing))
        {
            var same = existing.Device == session.Device && existing.Protocol == session.Protocol && existing.Gateway == session.Gateway;
            _sessions[session.SessionId] = existing with
            {
                Device = session.Device,
                Protocol = session.Protocol,
                Gateway = session.Gateway,
                ExpiresAt = now + _options.SessionLease,
            };
            change = same ? null : "updated";
        }
        else
        {
            if (_sessions.Count >= UserLimits.MaxSessions)
            {
                throw new DomainConflictException("too_many_sessions", $"A user may have at most {UserLimits.MaxSessions} live sessions.");
            }

            _sessions[session.SessionId] = new PresenceSession
            {
                SessionId = session.SessionId,
                Device = session.Device,
                Protocol = session.Protocol,
                Gateway = session.Gateway,
                ConnectedAt = now,
                ExpiresAt = now + _options.SessionLease,
            };
            change = "connected";
        }

        ArmExpiry();
        if (change is not null)
        {
            await PublishPresenceAsync(change, session.SessionId);
        }
    }

    public async Task<PresenceSnapshot> DisconnectSessionAsync(string sessionId)
    {
        UserValidation.Key(sessionId, "invalid_session_id", "session id");
        await ExpireDueSessionsAsync();
        if (_sessions.Remove(sessionId))
        {
            ArmExpiry();
            await RemoveSessionAsync(sessionId, "disconnected");
        }

        return Presence();
    }

    public async Task<PresenceSnapshot> GetPresenceAsync()
    {
        await ExpireDueSessionsAsync();
        return Presence();
    }

    public async Task SetTypingAsync(string? sessionId, bool isTyping)
    {
        UserValidation.OptionalKey(sessionId, "invalid_session_id", "session id");
        var key = sessionId ?? AnonymousSession;
        var changed = isTyping ? _typing.Add(key) : _typing.Remove(key);
        if (changed)
        {
            await PublishToUserAsync(UserId, new TypingData(isTyping, UserId, sessionId), excludeSessionId: sessionId);
        }
    }

    /// <summary>The expiry timer's tick; also run at the start of every presence call, so answers never show an expired session.</summary>
    private Task ExpireSessionsAsync(CancellationToken cancellationToken) => ExpireDueSessionsAsync();

    private async Task ExpireDueSessionsAsync()
    {
        var now = Now;
        var expired = _sessions.Values.Where(s => s.ExpiresAt <= now).OrderBy(s => s.ExpiresAt).Select(s => s.SessionId).ToList();
        foreach (var id in expired)
        {
            _sessions.Remove(id);
        }

        ArmExpiry();
        if (expired.Count > 0)
        {
            LogSessionsExpired(logger, UserId, expired.Count);
        }

        foreach (var id in expired)
        {
            await RemoveSessionAsync(id, "expired");
        }
    }

    /// <summary>Announces a session that is gone: it stops typing (if it was), then presence changes.</summary>
    private async Task RemoveSessionAsync(string sessionId, string change)
    {
        if (_typing.Remove(sessionId))
        {
            await PublishToUserAsync(UserId, new TypingData(false, UserId, sessionId), excludeSessionId: sessionId);
        }

        await PublishPresenceAsync(change, sessionId);
    }

    /// <summary>Re-arms the one-shot timer for the earliest lease end, or disarms it when no session is left.</summary>
    private void ArmExpiry()
    {
        if (_sessions.Count == 0)
        {
            _expiryTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = _sessions.Values.Min(s => s.ExpiresAt) - Now;
        _expiryTimer?.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private PresenceSnapshot Presence() => new()
    {
        UserId = UserId,
        Sessions = [.. _sessions.Values.OrderBy(s => s.ConnectedAt).ThenBy(s => s.SessionId, StringComparer.Ordinal)],
    };

    private Task PublishPresenceAsync(string change, string sessionId)
    {
        var sessions = Presence().Sessions.Select(s => new PresenceSessionData(s.SessionId, s.Device, s.Protocol, s.ConnectedAt)).ToList();
        return PublishToUserAsync(UserId, new PresenceUpdatedData(UserId, sessions.Count > 0, change, sessionId, sessions));
    }
}
