using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Client.Messaging;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>The response side of one inbound request: the first outcome is written back as a Response frame, later ones are ignored.</summary>
internal sealed class WireResponseSink(MessageConnection connection, long requestId, GrainRequest request) : IWireResponseSink
{
    private int _done;

    public void Complete(object? result)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            connection.SendResult(requestId, request, result);
        }
    }

    public void Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            connection.SendFailure(requestId, exception);
        }
    }
}
