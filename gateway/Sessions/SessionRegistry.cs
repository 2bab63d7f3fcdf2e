namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// Every open session of this gateway, for the per-user cap, broadcasts and the drain at shutdown. The cap
/// is per gateway pod (a cluster-wide cap would need shared state that dies with nobody).
/// </summary>
internal sealed class SessionRegistry(SessionServices services)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly HashSet<GatewaySession> _all = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    // Broadcasts are rare and connects frequent: the snapshot is rebuilt on the first broadcast after a change,
    // not on every connect (and not per broadcast, which at 10k sockets was a large-object allocation each).
    private GatewaySession[]? _snapshot;
    private bool _draining;

    /// <summary>A snapshot of the open sessions, for broadcasts (rare) and the drain. Callers must not change it.</summary>
    public GatewaySession[] All
    {
        get
        {
            lock (_lock)
            {
                return _snapshot ??= [.. _all];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _all.Count;
            }
        }
    }

    public bool IsDraining
    {
        get
        {
            lock (_lock)
            {
                return _draining;
            }
        }
    }

    /// <summary>Whether a session with this id is open on this gateway (a resuming client may only reuse an id that is free).</summary>
    public bool ContainsId(string sessionId)
    {
        lock (_lock)
        {
            return _ids.Contains(sessionId);
        }
    }

    /// <summary>Adds a session unless its user is at <see cref="RealtimeGatewayOptions.MaxConnectionsPerUser"/> or the gateway drains.</summary>
    public bool TryAdd(GatewaySession session)
    {
        lock (_lock)
        {
            var count = _perUser.GetValueOrDefault(session.UserId);
            if (_draining || count >= services.Options.MaxConnectionsPerUser)
            {
                return false;
            }

            _perUser[session.UserId] = count + 1;
            _all.Add(session);
            _ids.Add(session.SessionId);
            _snapshot = null;
        }

        services.Metrics.ConnectionOpened();
        return true;
    }

    public void Remove(GatewaySession session)
    {
        lock (_lock)
        {
            if (!_all.Remove(session))
            {
                return;
            }

            _snapshot = null;
            _ids.Remove(session.SessionId);

            if (_perUser[session.UserId] <= 1)
            {
                _perUser.Remove(session.UserId);
            }
            else
            {
                _perUser[session.UserId]--;
            }
        }

        services.Metrics.ConnectionClosed();
    }

    /// <summary>Refuses new sessions and asks every open one to reconnect elsewhere; returns the sessions asked.</summary>
    public GatewaySession[] BeginDrain()
    {
        lock (_lock)
        {
            _draining = true;
        }

        var sessions = All;
        foreach (var session in sessions)
        {
            session.Drain();
        }

        return sessions;
    }
}
