namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>
/// The grain directory could not complete an operation: its store is unreachable, failed, or did not answer
/// within the command timeout (the inner exception says which; a timeout has a <see cref="TimeoutException"/>).
/// After a failed register or unregister the outcome is unknown; both are idempotent, so retrying is safe.
/// </summary>
public sealed class GrainDirectoryException : RealtimeException
{
    public GrainDirectoryException(string message)
        : base(message)
    {
    }

    public GrainDirectoryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
