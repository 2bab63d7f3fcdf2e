namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>A server emit waited for an ack on a socket that disconnected (or was never connected).</summary>
public sealed class SocketIoDisconnectedException(string reason)
    : Exception($"The Socket.IO socket is disconnected ({reason}).")
{
    /// <summary>One of <see cref="SocketIoDisconnectReasons"/>.</summary>
    public string Reason { get; } = reason;
}
