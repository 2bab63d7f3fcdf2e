namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>
/// The <c>error_code</c> values the Socket.IO endpoint adds to <see cref="Sessions.GatewayErrorCodes"/> and the
/// token codes of <see cref="Errors.ApiErrorCodes"/> (which a refused CONNECT carries in <c>err.data</c>).
/// </summary>
public static class SocketIoRealtimeErrorCodes
{
    /// <summary><c>join:error</c>: the address is well-formed but linked to no wallet of the token's user (neither a <c>wallet</c> claim nor a linked wallet).</summary>
    public const string WalletNotLinked = "wallet_not_linked";

    /// <summary><c>realtime:error</c>: <c>typing</c> before a successful <c>join</c>.</summary>
    public const string NotJoined = "not_joined";

    /// <summary><c>join:error</c>: the user holds <c>MaxConnectionsPerUser</c> sockets on this gateway; the server then disconnects (do not retry).</summary>
    public const string TooManyConnections = "too_many_connections";

    /// <summary><c>join:error</c>: the gateway is draining; the connection is closed so the client reconnects (elsewhere).</summary>
    public const string ServerShutdown = "server_shutdown";
}
