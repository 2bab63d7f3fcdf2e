namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// Every WebSocket close code the gateway sends, and whether the client should reconnect. docs/protocol.md
/// has the same table; codes 4000-4999 are ours (RFC 6455 leaves them to applications).
/// </summary>
public static class GatewayCloseCodes
{
    /// <summary>1000: the client closed, or the server finished a close the client asked for. Reconnect only if wanted.</summary>
    public const int Normal = 1000;

    /// <summary>1008: policy violation, here continued flooding past the inbound rate limit. Reconnect after a back-off, and send less.</summary>
    public const int PolicyViolation = 1008;

    /// <summary>1009: an inbound message exceeded <c>MaxInboundMessageBytes</c>. Reconnect, but never resend that message.</summary>
    public const int MessageTooBig = 1009;

    /// <summary>1011: an unexpected server error. Reconnect with back-off and resume.</summary>
    public const int InternalError = 1011;

    /// <summary>1012: the gateway is restarting or draining (after a <c>reconnect</c> message). Reconnect after <c>retry_after_ms</c> and resume.</summary>
    public const int ServiceRestart = 1012;

    /// <summary>4000: the socket read too slowly and its outbound queue overflowed. Reconnect at once and resume: nothing is lost.</summary>
    public const int SlowConsumer = 4000;

    /// <summary>4001: the token expired and was not refreshed (after <c>connection_error</c> AUTH_EXPIRED). Reconnect with a fresh token.</summary>
    public const int AuthExpired = 4001;

    /// <summary>4029: the user holds <c>MaxConnectionsPerUser</c> sockets on this gateway. Do not retry until another socket closes.</summary>
    public const int TooManyConnections = 4029;

    /// <summary>Whether a client should reconnect after <paramref name="code"/> (with back-off); false means a person or a code change must act first.</summary>
    public static bool ShouldReconnect(int code) => code is not TooManyConnections;
}
