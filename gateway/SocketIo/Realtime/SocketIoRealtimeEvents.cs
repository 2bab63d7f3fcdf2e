namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>
/// The Socket.IO event names of document 001 that are not stream events (those come from the catalog's
/// <c>SocketIoEvent</c>), and the ones this gateway adds. docs/protocol.md section 13 lists them all.
/// </summary>
public static class SocketIoRealtimeEvents
{
    /// <summary>Client: <c>socket.emit("join", walletAddress[, ack])</c> binds the socket to the wallet's owner, who must be the token's user.</summary>
    public const string Join = "join";

    /// <summary>Client: <c>socket.emit("typing", isTyping[, ack])</c>; the user's other sockets receive <c>typing</c> (bool).</summary>
    public const string Typing = "typing";

    /// <summary>Server: a <c>join</c> was refused, <c>{error_code, message}</c>. The socket stays as it was (unbound, or bound to its earlier join).</summary>
    public const string JoinError = "join:error";

    /// <summary>
    /// Server: any other refused client event, or a notice about the connection, <c>{error_code, message, event?}</c>.
    /// Not "error": that name is reserved for the client socket's own errors in socket.io-client.
    /// </summary>
    public const string Error = "realtime:error";

    /// <summary>Server: the socket's inbound budget is nearly spent, <c>{requests_remaining, window_reset_seconds, warning_threshold}</c>.</summary>
    public const string RateLimitWarning = "realtime:rate_limit_warning";
}
