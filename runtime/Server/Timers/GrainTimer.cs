using OrleansRealtime.Abstractions.Timers;
using OrleansRealtime.Server.Catalog;

namespace OrleansRealtime.Server.Timers;

/// <summary>
/// A grain timer: a one-shot <see cref="ITimer"/> from the silo's <see cref="TimeProvider"/>, re-armed for the
/// next period only after the callback's turn completes, so ticks never overlap. Each tick is queued to
/// the activation's mailbox like a request; a tick that meets a deactivated activation is dropped.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private TimeSpan _period;
    private TimeSpan? _pendingDue;
    private bool _tickRunning;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        if (options.DueTime < TimeSpan.Zero && options.DueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DueTime, "DueTime must be zero or positive.");
        }

        if (options.Period <= TimeSpan.Zero && options.Period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Period, "Period must be positive, or Timeout.InfiniteTimeSpan for a single tick.");
        }

        _activation = activation;
        _callback = callback;
        Options = options;
        _period = options.Period;
        _timer = activation.Runtime.Time.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        activation.AddTimer(this);
        _timer.Change(options.DueTime, Timeout.InfiniteTimeSpan);
    }

    public GrainTimerCreationOptions Options { get; }

    public bool IsDisposed => _disposed.IsCancellationRequested;

    /// <summary>
    /// Re-arms the timer. Called while a tick is queued or running (for example from the callback itself),
    /// the new due time applies when that tick ends, counted from then.
    /// </summary>
    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _period = period;
            if (IsDisposed)
            {
                return;
            }

            if (_tickRunning)
            {
                _pendingDue = dueTime;
            }
            else
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (IsDisposed)
            {
                return;
            }

            _disposed.Cancel();
        }

        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    internal Task InvokeAsync() => _callback(_disposed.Token);

    /// <summary>Called after the tick's turn: arm the next tick, counted from now.</summary>
    internal void OnTickCompleted()
    {
        lock (_lock)
        {
            _tickRunning = false;
            var due = _pendingDue ?? _period;
            _pendingDue = null;
            if (!IsDisposed && due != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnDue()
    {
        lock (_lock)
        {
            if (IsDisposed || _tickRunning)
            {
                return;
            }

            _tickRunning = true;
        }

        if (!_activation.TryEnqueue(new TimerWorkItem(this)))
        {
            Dispose();
        }
    }
}
