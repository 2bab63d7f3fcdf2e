namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>
/// A grain threw an exception whose type cannot be recreated at the caller (unknown type, or no
/// (string message) constructor). <see cref="OriginalTypeName"/> and the message are preserved.
/// </summary>
public sealed class RemoteGrainException : RealtimeException
{
    public RemoteGrainException(string message)
        : base(message)
    {
        OriginalTypeName = typeof(RemoteGrainException).FullName!;
    }

    public RemoteGrainException(string originalTypeName, string message)
        : base(message)
    {
        OriginalTypeName = originalTypeName;
    }

    public string OriginalTypeName { get; }
}
