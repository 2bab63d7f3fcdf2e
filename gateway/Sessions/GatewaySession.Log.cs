using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Gateway.Sessions;

internal abstract partial class GatewaySession
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Closing session {SessionId} of {UserId} as a slow consumer: its outbound queue of {Capacity} is full")]
    private static partial void LogSlowConsumer(ILogger logger, string sessionId, string userId, int capacity);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Could not read the stream history for session {SessionId} of {UserId}")]
    private static partial void LogHistoryReadFailed(ILogger logger, Exception exception, string sessionId, string userId);

    /// <summary>A client message's handler failed unexpectedly (the client got <c>internal_error</c>).</summary>
    internal void LogHandlerFailed(Exception exception, string messageType) => LogHandlerFailed(Logger, exception, SessionId, messageType);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Handling a '{MessageType}' message of session {SessionId} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string sessionId, string messageType);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "The token of session {SessionId} of {UserId} expired")]
    private static partial void LogTokenExpired(ILogger logger, string sessionId, string userId);
}
