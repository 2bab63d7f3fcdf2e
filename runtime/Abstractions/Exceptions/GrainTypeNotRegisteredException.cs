namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>No grain class implementing the requested interface (or grain type) is registered in the silo.</summary>
public sealed class GrainTypeNotRegisteredException : RealtimeException
{
    public GrainTypeNotRegisteredException(string message)
        : base(message)
    {
    }

    public GrainTypeNotRegisteredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
