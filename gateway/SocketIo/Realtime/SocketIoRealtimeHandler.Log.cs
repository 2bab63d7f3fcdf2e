using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

// Event ids 5200-5219. Sockets are named by their Socket.IO id; never a token, a pid, an offset or event arguments.
internal sealed partial class SocketIoRealtimeHandler
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Debug, Message = "Socket.IO socket {SocketId} of {UserId} connected (asked to recover: {AskedToRecover})")]
    private static partial void LogConnected(ILogger logger, string socketId, string userId, bool askedToRecover);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Refused the CONNECT of Socket.IO socket {SocketId}: {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, string socketId, string errorCode);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "Socket.IO socket {SocketId} joined as session {SessionId} of {UserId}")]
    private static partial void LogJoined(ILogger logger, string socketId, string sessionId, string userId);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Refused a join of Socket.IO socket {SocketId} of {UserId}: the wallet is not the user's")]
    private static partial void LogJoinRefused(ILogger logger, string socketId, string userId);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Refused a join of Socket.IO socket {SocketId}: {UserId} holds {Cap} connections")]
    private static partial void LogTooManyConnections(ILogger logger, string socketId, string userId, int cap);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Debug, Message = "Socket.IO socket {SocketId} recovered session {SessionId} of {UserId} after {Epoch}-{Seq}")]
    private static partial void LogRecovered(ILogger logger, string socketId, string sessionId, string userId, long epoch, long seq);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Debug, Message = "Socket.IO socket {SocketId} of {UserId} starts fresh: {Reason}")]
    private static partial void LogRecoveryImpossible(ILogger logger, string socketId, string userId, string reason);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "Handling '{EventName}' of Socket.IO socket {SocketId} failed")]
    private static partial void LogEventFailed(ILogger logger, System.Exception exception, string socketId, string eventName);

    [LoggerMessage(EventId = 5208, Level = LogLevel.Warning, Message = "Disconnecting Socket.IO socket {SocketId}: it kept sending past the inbound rate limit")]
    private static partial void LogRateLimitClose(ILogger logger, string socketId);

    [LoggerMessage(EventId = 5209, Level = LogLevel.Debug, Message = "Socket.IO session {SessionId} of socket {SocketId} ended (code {CloseCode})")]
    private static partial void LogSessionEnded(ILogger logger, string socketId, string sessionId, int closeCode);

    [LoggerMessage(EventId = 5210, Level = LogLevel.Debug, Message = "Could not detach Socket.IO session {SessionId} from its user feed")]
    private static partial void LogDetachFailed(ILogger logger, System.Exception exception, string sessionId);

    [LoggerMessage(EventId = 5212, Level = LogLevel.Warning, Message = "Socket.IO socket {SocketId} of {UserId} could not recover (the stream failed); it starts fresh")]
    private static partial void LogRecoveryFailed(ILogger logger, System.Exception exception, string socketId, string userId);

    [LoggerMessage(EventId = 5211, Level = LogLevel.Debug, Message = "Socket.IO socket {SocketId} (session {SessionId}) disconnected: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, string socketId, string? sessionId, string reason);
}
