using OrleansRealtime.Client.Messaging;

namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// The caller's side of one request: a task plus a timeout timer from the injected <see cref="TimeProvider"/>.
/// Whichever of response, failure or timeout comes first wins; the timer is disposed as soon as one does.
/// </summary>
internal sealed class ResponseCompletion<T> : TaskCompletionSource<T>, IResponseSink
{
    private readonly string _description;
    private readonly TimeSpan _timeout;
    private ITimer? _timer;

    public ResponseCompletion(TimeProvider time, TimeSpan timeout, string description)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _description = description;
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = time.CreateTimer(static state => ((ResponseCompletion<T>)state!).OnTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    public void Complete(object? result)
    {
        if (TrySetResult(result is null ? default! : (T)result))
        {
            DisposeTimer();
        }
    }

    public void Fail(Exception exception)
    {
        if (TrySetException(exception))
        {
            DisposeTimer();
        }
    }

    private void OnTimeout()
    {
        if (TrySetException(new TimeoutException($"Response did not arrive on time in {_timeout} for {_description}.")))
        {
            DisposeTimer();
        }
    }

    private void DisposeTimer() => Interlocked.Exchange(ref _timer, null)?.Dispose();
}
