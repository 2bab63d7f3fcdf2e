namespace OrleansRealtime.TestingHost;

/// <summary>
/// A clock that moves only when told to. <see cref="Advance"/> fires every timer that falls due on the way,
/// in due-time order, on the calling thread and outside the provider's lock, with <see cref="GetUtcNow"/>
/// set to each timer's due time while it fires. Periodic timers are re-armed from their due time.
/// Like a real timer, one armed with a due time of zero (or less) fires at once, on the thread pool.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are armed (useful to await that a component scheduled something).</summary>
    public int ArmedTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>True when some timer is armed to fire at exactly <paramref name="at"/> (to await that a component re-armed before advancing past it).</summary>
    public bool HasTimerDueAt(DateTimeOffset at)
    {
        lock (_lock)
        {
            return _timers.Any(t => t.DueAt == at);
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing due timers in order.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (true)
        {
            FakeTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value;
                next.DueAt = next.Period is { } period ? _now + period : null;
            }

            next.Fire();
        }
    }

    private void Arm(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        bool fireNow;
        lock (_lock)
        {
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            fireNow = dueTime != Timeout.InfiniteTimeSpan && dueTime <= TimeSpan.Zero;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null
                : fireNow ? (timer.Period is { } p ? _now + p : null)
                : _now + dueTime;
        }

        if (fireNow)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Fire(), timer, preferLocal: false);
        }
    }

    private void Remove(FakeTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Arm(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
