using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Gateway.SocketIo.Internal;

/// <summary>
/// The endpoint's log lines (event ids 5100-5199). They name sessions by sid, never the query string, the
/// auth payload or event arguments, which can carry tokens and personal data.
/// </summary>
internal static partial class SocketIoLog
{
    [LoggerMessage(5100, LogLevel.Debug, "Socket.IO session {Sid} opened on {Transport}")]
    public static partial void SessionOpened(ILogger logger, string sid, string transport);

    [LoggerMessage(5101, LogLevel.Debug, "Socket.IO session {Sid} closing: {Reason}")]
    public static partial void SessionClosing(ILogger logger, string sid, string reason);

    [LoggerMessage(5102, LogLevel.Debug, "Socket.IO session {Sid} freed")]
    public static partial void SessionFreed(ILogger logger, string sid);

    [LoggerMessage(5103, LogLevel.Debug, "Socket.IO session {Sid} upgraded to websocket")]
    public static partial void Upgraded(ILogger logger, string sid);

    [LoggerMessage(5104, LogLevel.Information, "Socket.IO session {Sid}: upgrade failed ({Reason}); it stays on polling")]
    public static partial void UpgradeFailed(ILogger logger, string sid, string reason);

    [LoggerMessage(5105, LogLevel.Warning, "Socket.IO session {Sid} closed for a protocol violation: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, string sid, string reason);

    [LoggerMessage(5106, LogLevel.Warning, "Socket.IO session {Sid}: a payload over {MaxPayload} bytes was refused")]
    public static partial void PayloadTooLarge(ILogger logger, string sid, int maxPayload);

    [LoggerMessage(5107, LogLevel.Warning, "Socket.IO handshake refused: {MaxSessions} sessions are open")]
    public static partial void SessionLimitReached(ILogger logger, int maxSessions);

    [LoggerMessage(5108, LogLevel.Information, "Socket.IO session {Sid} sent binary attachments, which are not supported; closing it")]
    public static partial void BinaryRefused(ILogger logger, string sid);

    [LoggerMessage(5109, LogLevel.Information, "Socket.IO session {Sid} connected no namespace in time; closing it")]
    public static partial void ConnectTimedOut(ILogger logger, string sid);

    [LoggerMessage(5110, LogLevel.Debug, "Socket.IO session {Sid} connected socket {SocketId}")]
    public static partial void Connected(ILogger logger, string sid, string socketId);

    [LoggerMessage(5111, LogLevel.Debug, "Socket.IO session {Sid}: connect rejected by the handler")]
    public static partial void ConnectRejected(ILogger logger, string sid);

    [LoggerMessage(5112, LogLevel.Error, "Socket.IO session {Sid}: the handler failed on {Stage}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string sid, string stage);

    [LoggerMessage(5113, LogLevel.Error, "Socket.IO session {Sid}: a callback failed while tearing it down")]
    public static partial void AbortCallbackFailed(ILogger logger, Exception exception, string sid);
}
