using System.Security.Claims;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Sessions;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>
/// What the handler keeps per Socket.IO socket (in <see cref="SocketIoSocket.Items"/>): who authenticated, the
/// pid of the CONNECT reply, the inbound budget, and the session once the socket joined. Touched only by the
/// socket's handler calls, which never overlap; <see cref="Session"/> is also read by the lifetime task.
/// </summary>
internal sealed class RealtimeSocketState(RealtimePrincipal caller, ClaimsPrincipal principal, DateTimeOffset? tokenExpiresAt, string pid, InboundRateLimiter limiter)
{
    public const string ItemKey = "orleansrealtime.state";

    public RealtimePrincipal Caller { get; } = caller;

    public ClaimsPrincipal Principal { get; } = principal;

    public DateTimeOffset? TokenExpiresAt { get; } = tokenExpiresAt;

    public string Pid { get; } = pid;

    public InboundRateLimiter Limiter { get; } = limiter;

    /// <summary>The joined session (or the recovered one); null before a successful join.</summary>
    public SocketIoSession? Session { get; set; }

    public static RealtimeSocketState? Of(SocketIoSocket socket) =>
        socket.Items.TryGetValue(ItemKey, out var value) ? value as RealtimeSocketState : null;
}
