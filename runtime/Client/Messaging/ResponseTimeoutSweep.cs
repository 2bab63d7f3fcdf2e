namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// The response timeouts of one <see cref="GrainCallInvoker"/>, with one timer of the injected
/// <see cref="TimeProvider"/> instead of one per call: every call waiting for its response is in a list ordered
/// by deadline, and the timer sweeps the lists every <see cref="Period"/> while at least one call waits (it is
/// disarmed when none does, so an idle runtime and a fake clock moved by days see no ticks). A call times out at
/// the first sweep at or after its deadline: never early, and at most one period late. Tracking and untracking
/// are O(1) and allocate nothing; the lists are striped by thread to keep their short locks uncontended.
/// </summary>
// Why not a timer per call: each grain call made a timer (and its queue entry, callback and captured context),
// and the timer queue's lock showed as contention on every hop of a publish.
internal sealed class ResponseTimeoutSweep
{
    private static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly long _timeout;
    private readonly List[] _lists;
    private readonly Lock _armLock = new();
    private readonly ITimer _timer;
    private int _waiting;
    private int _armed;

    public ResponseTimeoutSweep(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        _timeout = (long)(timeout.TotalSeconds * time.TimestampFrequency);

        // A tenth of the timeout, within 100 ms to 1 s: the default 30 s times out within 30–31 s.
        var tenth = timeout / 10;
        Period = tenth < MinPeriod ? MinPeriod : tenth > MaxPeriod ? MaxPeriod : tenth;
        _lists = new List[Math.Max(1, Environment.ProcessorCount)];
        for (var i = 0; i < _lists.Length; i++)
        {
            _lists[i] = new List();
        }

        // The sweep serves every caller, so it must not hold on to the execution context (async locals) of
        // whichever caller happened to create it.
        var restoreFlow = !ExecutionContext.IsFlowSuppressed();
        if (restoreFlow)
        {
            ExecutionContext.SuppressFlow();
        }

        try
        {
            _timer = time.CreateTimer(static state => ((ResponseTimeoutSweep)state!).Sweep(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            if (restoreFlow)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }

    /// <summary>How often the lists are swept while calls wait.</summary>
    public TimeSpan Period { get; }

    /// <summary>Calls waiting for their response.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Starts the timeout of <paramref name="call"/>, due one timeout from now.</summary>
    public void Track(ITimedResponse call)
    {
        var list = _lists[(uint)Environment.CurrentManagedThreadId % (uint)_lists.Length];
        lock (list.Lock)
        {
            // Read under the lock: the clock is monotonic, so each list stays ordered by deadline.
            call.Deadline = _time.GetTimestamp() + _timeout;
            call.List = list;
            list.Append(call);
        }

        // The increment is a full fence: either this read sees the sweep disarmed and arms it, or the sweep's
        // re-check after disarming sees this call and re-arms.
        Interlocked.Increment(ref _waiting);
        if (Volatile.Read(ref _armed) == 0)
        {
            Arm();
        }
    }

    /// <summary>Ends the timeout of <paramref name="call"/> (its response or failure came); a no-op once the sweep took it.</summary>
    public void Untrack(ITimedResponse call)
    {
        if (call.List is not { } list)
        {
            return;
        }

        lock (list.Lock)
        {
            if (!ReferenceEquals(call.List, list))
            {
                return;
            }

            list.Remove(call);
        }

        Interlocked.Decrement(ref _waiting);
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        List<ITimedResponse>? expired = null;
        foreach (var list in _lists)
        {
            lock (list.Lock)
            {
                while (list.Head is { } head && head.Deadline <= now)
                {
                    list.Remove(head);
                    (expired ??= []).Add(head);
                }
            }
        }

        if (expired is not null)
        {
            Interlocked.Add(ref _waiting, -expired.Count);

            // Outside the locks: failing a call completes its task (its continuations run asynchronously).
            foreach (var call in expired)
            {
                call.Expire();
            }
        }

        if (Volatile.Read(ref _waiting) == 0)
        {
            Disarm();
        }
    }

    private void Arm()
    {
        lock (_armLock)
        {
            if (_armed == 0)
            {
                _armed = 1;
                _timer.Change(Period, Period);
            }
        }
    }

    private void Disarm()
    {
        lock (_armLock)
        {
            if (_armed == 0 || Volatile.Read(ref _waiting) > 0)
            {
                return;
            }

            Interlocked.Exchange(ref _armed, 0);
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (Volatile.Read(ref _waiting) > 0)
            {
                // A call was tracked while disarming and saw the sweep still armed.
                _armed = 1;
                _timer.Change(Period, Period);
            }
        }
    }

    /// <summary>One list of waiting calls, oldest (earliest deadline) first, guarded by its own lock.</summary>
    internal sealed class List
    {
        public Lock Lock { get; } = new();

        public ITimedResponse? Head { get; private set; }

        private ITimedResponse? _tail;

        public void Append(ITimedResponse call)
        {
            call.Previous = _tail;
            call.Next = null;
            if (_tail is null)
            {
                Head = call;
            }
            else
            {
                _tail.Next = call;
            }

            _tail = call;
        }

        public void Remove(ITimedResponse call)
        {
            if (call.Previous is { } previous)
            {
                previous.Next = call.Next;
            }
            else
            {
                Head = call.Next;
            }

            if (call.Next is { } next)
            {
                next.Previous = call.Previous;
            }
            else
            {
                _tail = call.Previous;
            }

            call.Previous = null;
            call.Next = null;
            call.List = null;
        }
    }
}
