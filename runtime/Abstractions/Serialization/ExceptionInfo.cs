namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>
/// The serialized form of an exception crossing a call boundary: type, message and the remote stack trace.
/// Inner exceptions and custom properties do not cross; recreate them from the message if needed.
/// </summary>
public sealed record ExceptionInfo(string TypeName, string Message, string? StackTrace);
