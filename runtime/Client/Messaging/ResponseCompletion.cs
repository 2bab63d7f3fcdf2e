using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// The caller's side of one request: a task, and a place in the invoker's <see cref="ResponseTimeoutSweep"/>
/// (none with an infinite timeout). Whichever of response, failure or timeout comes first wins; the call leaves
/// the sweep as soon as one does. The timeout's message is built only when it fires.
/// </summary>
internal sealed class ResponseCompletion<T> : TaskCompletionSource<T>, IResponseSink, ITimedResponse
{
    private readonly ResponseTimeoutSweep? _sweep;
    private readonly TimeSpan _timeout;
    private readonly GrainRequest _request;
    private readonly GrainId _target;

    public ResponseCompletion(ResponseTimeoutSweep? sweep, TimeSpan timeout, GrainRequest request, GrainId target)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _sweep = sweep;
        _timeout = timeout;
        _request = request;
        _target = target;
        sweep?.Track(this);
    }

    ITimedResponse? ITimedResponse.Previous { get; set; }

    ITimedResponse? ITimedResponse.Next { get; set; }

    ResponseTimeoutSweep.List? ITimedResponse.List { get; set; }

    long ITimedResponse.Deadline { get; set; }

    public void Complete(object? result)
    {
        if (TrySetResult(result is null ? default! : (T)result))
        {
            _sweep?.Untrack(this);
        }
    }

    public void Fail(Exception exception)
    {
        if (TrySetException(exception))
        {
            _sweep?.Untrack(this);
        }
    }

    void ITimedResponse.Expire() =>
        TrySetException(new TimeoutException($"Response did not arrive on time in {_timeout} for {_request} to {_target}."));
}
