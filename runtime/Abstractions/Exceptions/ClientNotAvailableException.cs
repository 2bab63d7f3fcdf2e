namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>The client or silo hosting an observer object is gone, or the object reference was deleted.</summary>
public sealed class ClientNotAvailableException : RealtimeException
{
    public ClientNotAvailableException(string message)
        : base(message)
    {
    }

    public ClientNotAvailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
