namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>
/// The reasons <see cref="ISocketIoHandler.OnDisconnectAsync"/> receives; the same strings the reference
/// server uses where it has one, so logs read alike.
/// </summary>
public static class SocketIoDisconnectReasons
{
    /// <summary>The client closed the connection, or its transport dropped.</summary>
    public const string TransportClose = "transport close";

    /// <summary>The transport failed: an overlapping poll, a WebSocket error, an oversize WebSocket message.</summary>
    public const string TransportError = "transport error";

    /// <summary>The client did not answer a ping within pingTimeout (or could not be written to for that long).</summary>
    public const string PingTimeout = "ping timeout";

    /// <summary>The client sent a malformed packet, a reserved event name or a packet the state does not allow.</summary>
    public const string ParseError = "parse error";

    /// <summary>The client sent binary attachments, which this server refuses.</summary>
    public const string BinaryNotSupported = "binary not supported";

    /// <summary>The application called <see cref="SocketIoSocket.DisconnectAsync"/>.</summary>
    public const string ServerNamespaceDisconnect = "server namespace disconnect";

    /// <summary>The application called <see cref="SocketIoSocket.CloseTransport"/> (the connection closed without a DISCONNECT).</summary>
    public const string ForcedClose = "forced close";

    /// <summary>The client called <c>socket.disconnect()</c>.</summary>
    public const string ClientNamespaceDisconnect = "client namespace disconnect";

    /// <summary>The host is stopping.</summary>
    public const string ServerShuttingDown = "server shutting down";
}
