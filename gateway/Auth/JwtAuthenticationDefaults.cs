namespace OrleansRealtime.Gateway.Auth;

/// <summary>The gateway's authentication scheme.</summary>
public static class JwtAuthenticationDefaults
{
    public const string Scheme = "Bearer";

    /// <summary>The query parameter browsers use for WebSocket handshakes (they cannot set headers).</summary>
    public const string QueryParameter = "token";

    /// <summary>The <c>Sec-WebSocket-Protocol</c> entry that precedes the token when a browser sends it that way.</summary>
    public const string BearerSubprotocol = "bearer";

    /// <summary>Only WebSocket and Socket.IO handshakes may carry the token in the query string: URLs end up in logs and proxies.</summary>
    public static readonly IReadOnlyList<string> QueryTokenPaths = ["/ws", "/socket.io"];
}
