namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>A storage provider could not complete an operation (for example, the database is unreachable). Nothing was written; the operation may be retried.</summary>
public sealed class GrainStorageException : RealtimeException
{
    public GrainStorageException(string message)
        : base(message)
    {
    }

    public GrainStorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
