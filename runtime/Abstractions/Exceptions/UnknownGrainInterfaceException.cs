namespace OrleansRealtime.Abstractions.Exceptions;

/// <summary>
/// The type is not a grain interface with generated code: it does not derive from a grain or observer
/// marker interface, or its assembly does not reference the code generator.
/// </summary>
public sealed class UnknownGrainInterfaceException : RealtimeException
{
    public UnknownGrainInterfaceException(string message)
        : base(message.Contains(' ') ? message : $"'{message}' is not a known grain interface: it must derive from IGrain or IGrainObserver in an assembly that references OrleansRealtime.CodeGenerator.")
    {
    }
}
