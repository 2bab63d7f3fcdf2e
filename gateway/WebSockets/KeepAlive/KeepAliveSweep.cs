using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Sessions;

namespace OrleansRealtime.Gateway.WebSockets.KeepAlive;

/// <summary>
/// The gateway's WebSocket keep-alive: one timer for every socket instead of one per socket. .NET's own keep-alive
/// with a pong timeout wakes every socket every min(interval, timeout) / 4 (5 s with the 25 s / 20 s defaults, 2,000
/// timer firings a second at 10,000 sockets, all contending on the timer queue's lock); this sweep runs once per
/// <see cref="Period"/> and does per socket what that heartbeat did.
/// <para>
/// Guarantees: a registered socket gets a ping frame about every <c>KeepAliveInterval</c> (within one period, at a
/// frame boundary); if the peer then sends nothing at all (no pong, no frame) for <c>KeepAliveTimeout</c>, within one
/// period more the socket is aborted without a close frame, as .NET's keep-alive does (protocol.md §9.4). Anything the
/// peer sends counts as its answer. A socket is pinged only while registered; the sweep never closes it otherwise.
/// </para>
/// </summary>
internal sealed partial class KeepAliveSweep : IDisposable
{
    private static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<KeepAliveSweep> _logger;
    private readonly long _intervalTicks;
    private readonly long _timeoutTicks;
    private readonly List<KeepAliveStream> _ping = [];
    private readonly List<KeepAliveStream> _due = [];
    private readonly List<(WebSocket Socket, string SessionId)> _dead = [];
    private Entry[] _entries = new Entry[64];
    private int _count;
    private ITimer? _timer;
    private int _sweeping;
    private bool _disposed;

    public KeepAliveSweep(IOptions<RealtimeGatewayOptions> options, TimeProvider time, GatewayMetrics metrics, ILogger<KeepAliveSweep> logger)
    {
        _time = time;
        _metrics = metrics;
        _logger = logger;
        Interval = options.Value.KeepAliveInterval;
        Timeout = options.Value.KeepAliveTimeout;
        _intervalTicks = ToTimestampTicks(Interval);
        _timeoutTicks = ToTimestampTicks(Timeout);
        var quarter = TimeSpan.FromTicks(Math.Min(Interval.Ticks, Timeout.Ticks) / 4);
        Period = quarter < MinPeriod ? MinPeriod : quarter > MaxPeriod ? MaxPeriod : quarter;
    }

    public TimeSpan Interval { get; }

    public TimeSpan Timeout { get; }

    /// <summary>How often the sweep runs: a quarter of the shorter of interval and timeout, between 10 ms and 1 s.</summary>
    public TimeSpan Period { get; }

    /// <summary>Sockets registered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Keeps <paramref name="socket"/>, running over <paramref name="stream"/>, alive until the registration is disposed.
    /// Once the sweep is disposed (the host is stopping and draining its sockets) it registers nothing.
    /// </summary>
    public KeepAliveRegistration Register(KeepAliveStream stream, WebSocket socket, string sessionId)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return default;
            }
            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, _count * 2);
            }

            stream.SweepSlot = _count;
            _entries[_count++] = new Entry(stream, socket, sessionId, _time.GetTimestamp() + _intervalTicks);
            _timer ??= _time.CreateTimer(static s => ((KeepAliveSweep)s!).Sweep(), this, Period, Period);
        }

        return new KeepAliveRegistration(this, stream);
    }

    internal void Unregister(KeepAliveStream stream)
    {
        lock (_lock)
        {
            var slot = stream.SweepSlot;
            if (slot < 0 || slot >= _count || !ReferenceEquals(_entries[slot].Stream, stream))
            {
                return;
            }

            RemoveAt(slot);
        }
    }

    /// <summary>One pass over every socket: pings those due, aborts those whose ping went unanswered too long.</summary>
    internal void Sweep()
    {
        // Timer callbacks may overlap when a pass is slow; a skipped pass is made up by the next one.
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            lock (_lock)
            {
                for (var i = _count - 1; i >= 0; i--)
                {
                    ref var entry = ref _entries[i];
                    if (entry.PingSentAt != 0)
                    {
                        if (entry.Stream.Heard)
                        {
                            entry.PingSentAt = 0;
                        }
                        else if (now - entry.PingSentAt >= _timeoutTicks)
                        {
                            _dead.Add((entry.Socket, entry.SessionId));
                            RemoveAt(i);
                            continue;
                        }
                        else
                        {
                            // Asked for while a frame was half-written and no write has finished it since.
                            _due.Add(entry.Stream);
                        }
                    }

                    if (entry.PingSentAt == 0 && now >= entry.NextPingAt)
                    {
                        entry.PingSentAt = now;
                        entry.NextPingAt = now + _intervalTicks;
                        _ping.Add(entry.Stream);
                    }
                }
            }

            // Outside the lock: a ping or an abort writes to a socket, which must not hold up connects and disconnects.
            foreach (var stream in _ping)
            {
                stream.RequestPing();
            }

            foreach (var stream in _due)
            {
                stream.TryWritePendingPing();
            }

            foreach (var (socket, sessionId) in _dead)
            {
                LogPeerSilent(_logger, sessionId, Timeout);
                _metrics.KeepAliveTimeouts.Add(1);
                socket.Abort();
            }
        }
        finally
        {
            _ping.Clear();
            _due.Clear();
            _dead.Clear();
            Volatile.Write(ref _sweeping, 0);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void RemoveAt(int slot)
    {
        _entries[slot].Stream.SweepSlot = -1;
        var last = --_count;
        if (slot != last)
        {
            _entries[slot] = _entries[last];
            _entries[slot].Stream.SweepSlot = slot;
        }

        _entries[last] = default;
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} sent nothing within {Timeout} of a ping; the socket is dropped")]
    private static partial void LogPeerSilent(ILogger logger, string sessionId, TimeSpan timeout);

    private struct Entry(KeepAliveStream stream, WebSocket socket, string sessionId, long nextPingAt)
    {
        public readonly KeepAliveStream Stream = stream;
        public readonly WebSocket Socket = socket;
        public readonly string SessionId = sessionId;
        public long NextPingAt = nextPingAt;
        public long PingSentAt;
    }
}
