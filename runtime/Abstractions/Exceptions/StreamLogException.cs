namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>
/// A stream log (<see cref="Streams.IStreamLog"/>) could not complete an operation: its store is unreachable,
/// failed, did not answer within the provider's deadline (then the inner exception is a
/// <see cref="TimeoutException"/>), or refused the append (a different payload at a taken position, or an epoch
/// older than the log's head). After a failed append the outcome is unknown unless the log refused it; an
/// append is idempotent for the same items, so retrying it is safe.
/// </summary>
public sealed class StreamLogException : RealtimeException
{
    public StreamLogException(string message)
        : base(message)
    {
    }

    public StreamLogException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
