using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Server.Timers;

namespace OrleansRealtime.Server.Tests.Review;

/// <summary>
/// A reminder table that can hold a full-table read (the silo's periodic refresh) after it has read its rows,
/// so a test can change the table while a refresh holds a stale snapshot.
/// </summary>
public sealed class GatedReminderTable : IReminderTable
{
    private readonly MemoryReminderTable _inner = new();
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next full-table read waits after reading until <see cref="Open"/>; returns a task that completes once it has read.</summary>
    public Task HoldNextRefresh()
    {
        // Synchronous continuations on purpose: Open() returns only after the refresh has applied its snapshot.
        _gate = new TaskCompletionSource();
        _reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _reading.Task;
    }

    public void Open() => Interlocked.Exchange(ref _gate, null)?.SetResult();

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        _inner.ReadRowsAsync(grainId, cancellationToken);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) =>
        _inner.ReadRowAsync(grainId, reminderName, cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken = default)
    {
        var rows = await _inner.ReadRowsAsync(beginExclusive, endInclusive, cancellationToken);
        if (_gate is { } gate)
        {
            _reading.TrySetResult();
            await gate.Task;
        }

        return rows;
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default) =>
        _inner.UpsertRowAsync(entry, cancellationToken);

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default) =>
        _inner.RemoveRowAsync(grainId, reminderName, eTag, cancellationToken);
}

/// <summary>
/// Wraps a clock and runs a test hook (once) when a grain timer's underlying timer is disposed, which the
/// activation does in the middle of finishing its deactivation.
/// </summary>
public sealed class GrainTimerDisposeHookTimeProvider(TimeProvider inner) : TimeProvider
{
    private Action? _onGrainTimerDisposed;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public void OnNextGrainTimerDisposed(Action hook) => _onGrainTimerDisposed = hook;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        return state is GrainTimer ? new HookedTimer(timer, this) : timer;
    }

    private sealed class HookedTimer(ITimer inner, GrainTimerDisposeHookTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            inner.Dispose();
            Interlocked.Exchange(ref owner._onGrainTimerDisposed, null)?.Invoke();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
