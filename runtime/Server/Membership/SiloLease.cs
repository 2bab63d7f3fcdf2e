using System.Diagnostics.CodeAnalysis;

namespace OrleansRealtime.Server.Membership;

/// <summary>
/// Self-fencing: whether this silo may accept grain calls. Without a membership table the lease is never held
/// and calls are always accepted. Once the silo has joined, it holds a lease that each successful write of its own
/// row renews (from the instant that write started, on the monotonic clock); once it is older than the lease
/// timeout, <see cref="TryRefuse"/> refuses, until a write succeeds again. Revoked (the table shows this silo
/// dead) is permanent. The check runs on every call, so it costs a volatile read and, while the lease is held, one
/// timestamp; no timer has to fire for a silo to fence itself.
/// </summary>
internal sealed class SiloLease(TimeProvider time)
{
    private const int NotHeld = 0;
    private const int Held = 1;
    private const int Revoked = 2;
    private const int Released = 3;

    private volatile int _state;
    private long _renewedAt;
    private TimeSpan _timeout;
    private string _silo = string.Empty;

    public bool IsRevoked => _state == Revoked;

    /// <summary>Starts holding the lease, renewed at <paramref name="renewedAt"/> (a <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public void Acquire(string silo, TimeSpan timeout, long renewedAt)
    {
        _silo = silo;
        _timeout = timeout;
        Interlocked.Exchange(ref _renewedAt, renewedAt);
        _state = Held;
    }

    /// <summary>A write of the own row that started at <paramref name="startedAt"/> succeeded. Never moves the lease back.</summary>
    public void Renew(long startedAt)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _renewedAt);
            if (startedAt <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _renewedAt, startedAt, current) != current);
    }

    /// <summary>The table shows this silo dead: refuse for good.</summary>
    public void Revoke() => _state = Revoked;

    /// <summary>The silo left the cluster cleanly (its row is dead by its own hand); calls are refused as by a stopped silo.</summary>
    public void Release()
    {
        if (_state == Held)
        {
            _state = Released;
        }
    }

    /// <summary>How long since the lease was last renewed (zero when it is not held).</summary>
    public TimeSpan Age => _state == NotHeld ? TimeSpan.Zero : time.GetElapsedTime(Interlocked.Read(ref _renewedAt));

    public bool IsExpired => _state == Held && Age > _timeout;

    /// <summary>True, with the reason, when this silo must not accept a grain call now.</summary>
    public bool TryRefuse([NotNullWhen(true)] out string? reason)
    {
        switch (_state)
        {
            case NotHeld:
                reason = null;
                return false;
            case Revoked:
                reason = $"Silo {_silo} was declared dead in the membership table and no longer serves grain calls";
                return true;
            case Released:
                reason = $"Silo {_silo} has left the cluster";
                return true;
        }

        var age = Age;
        if (age <= _timeout)
        {
            reason = null;
            return false;
        }

        reason = $"Silo {_silo} could not renew its membership heartbeat for {age} (lease timeout {_timeout}) and refuses grain calls until it can";
        return true;
    }
}
