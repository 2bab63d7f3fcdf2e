namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>The peer broke the frame format; the connection closes. The message never contains payload bytes.</summary>
internal sealed class ProtocolException(string message) : Exception(message);
