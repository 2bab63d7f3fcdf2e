using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;

namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// Sends calls for grain references: copies the arguments (so the caller may reuse them at once), arms the
/// response timeout, and hands the message to the runtime's <see cref="IMessageSink"/>. A call that gets no
/// response fails with a <see cref="TimeoutException"/> after <see cref="MessagingOptions.ResponseTimeout"/>
/// (never before, and at most a tenth of it, up to 1 s, later: the timeouts of all calls share one sweep).
/// </summary>
public sealed class GrainCallInvoker(RealtimeSerializer serializer, IMessageSink sink, TimeProvider time, IOptions<MessagingOptions> options)
    : IGrainCallInvoker
{
    private readonly TimeSpan _timeout = options.Value.ResponseTimeout;
    private readonly ResponseTimeoutSweep? _sweep = options.Value.ResponseTimeout == Timeout.InfiniteTimeSpan
        ? null
        : new ResponseTimeoutSweep(time, options.Value.ResponseTimeout);

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest request)
    {
        GrainRequest copy;
        try
        {
            copy = sink is IWireMessageSink wire && wire.SerializesArguments(target.GrainId) ? request : serializer.CopyRequest(request);
        }
        catch (GrainSerializationException ex)
        {
            return Task.FromException<TResult>(ex);
        }

        var completion = new ResponseCompletion<TResult>(_sweep, _timeout, request, target.GrainId);
        sink.Send(new Message(target.GrainId, copy, completion));
        return completion.Task;
    }

    public Task InvokeAsync(GrainReference target, GrainRequest request) => InvokeAsync<object?>(target, request);

    /// <summary>An argument that cannot be serialized throws here, synchronously: a one-way caller has no task to fail.</summary>
    public void InvokeOneWay(GrainReference target, GrainRequest request) =>
        sink.Send(new Message(target.GrainId, serializer.CopyRequest(request), null));
}
