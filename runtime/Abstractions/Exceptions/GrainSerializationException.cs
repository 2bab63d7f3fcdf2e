namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>An argument, result or state value could not be serialized or deserialized.</summary>
public sealed class GrainSerializationException : RealtimeException
{
    public GrainSerializationException(string message)
        : base(message)
    {
    }

    public GrainSerializationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
