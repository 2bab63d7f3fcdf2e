using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Grains.Users;

public sealed partial class UserGrain
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not write the state of user {UserId}; the activation is dropped so the next call reads storage")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "{Count} session(s) of user {UserId} expired without a lease renewal")]
    private static partial void LogSessionsExpired(ILogger logger, string userId, int count);
}
