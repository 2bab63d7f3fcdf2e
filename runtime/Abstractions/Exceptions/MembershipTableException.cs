namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>
/// The membership table could not complete an operation: its store is unreachable, failed, or did not answer
/// within the command timeout (the inner exception says which; a timeout has a <see cref="TimeoutException"/>).
/// After a failed write the outcome is unknown: re-read the table. The operation may be retried.
/// </summary>
public sealed class MembershipTableException : RealtimeException
{
    public MembershipTableException(string message)
        : base(message)
    {
    }

    public MembershipTableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
