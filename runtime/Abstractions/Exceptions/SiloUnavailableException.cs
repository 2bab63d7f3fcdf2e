namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>The silo that should serve the call is stopping, stopped, or unreachable.</summary>
public sealed class SiloUnavailableException : RealtimeException
{
    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
