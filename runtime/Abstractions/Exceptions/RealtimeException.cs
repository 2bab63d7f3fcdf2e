namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>
/// Base of every exception the runtime raises itself. Like all exceptions, it crosses a call boundary as
/// type name plus message; every subclass keeps a (string message) constructor so it can be recreated.
/// </summary>
public class RealtimeException : Exception
{
    public RealtimeException()
    {
    }

    public RealtimeException(string message)
        : base(message)
    {
    }

    public RealtimeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
