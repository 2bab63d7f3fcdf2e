using System.Threading.Tasks.Sources;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// The one reusable wake-up of an <see cref="OutboundQueue"/>'s single consumer: a value-task source armed for
/// each wait and completed by a producer, with no allocation per wait (a send loop parks after nearly every
/// delivery when a socket gets one event at a time, and a new task each time was an allocation pair per
/// delivery). Continuations always run asynchronously, on the thread pool, never on the producer.
/// <para>
/// Not thread-safe by itself: the queue calls <see cref="Arm"/> and <see cref="Signal"/> under its lock. That
/// is what makes the reuse safe: <see cref="ManualResetValueTaskSourceCore{TResult}"/> marks itself completed
/// before it looks for a continuation, so without the lock a consumer that saw the completion early could
/// re-arm, and the producer's late look would run the new wait's continuation before its signal. Signalling
/// under the lock only queues a work item; no continuation runs under it.
/// </para>
/// </summary>
internal sealed class QueueWaiter : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Whether a wait is armed and not yet signalled.</summary>
    public bool IsArmed { get; private set; }

    /// <summary>Starts a new wait. The consumer calls it only after its previous wait completed and was awaited.</summary>
    public ValueTask Arm()
    {
        if (IsArmed)
        {
            throw new InvalidOperationException("The outbound queue has one consumer, and it is already waiting.");
        }

        _core.Reset();
        IsArmed = true;
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Completes the armed wait, if any.</summary>
    public void Signal()
    {
        if (IsArmed)
        {
            IsArmed = false;
            _core.SetResult(true);
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
