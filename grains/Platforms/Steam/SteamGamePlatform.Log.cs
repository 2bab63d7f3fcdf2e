using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Grains.Platforms.Steam;

// Only the API method and the status are logged: the url carries the API key.
public sealed partial class SteamGamePlatform
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Steam {Method} answered HTTP {Status}.")]
    private static partial void LogFailed(ILogger logger, string method, int status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Steam {Method} rejected the credentials (HTTP {Status}).")]
    private static partial void LogRejected(ILogger logger, string method, int status);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Steam {Method} is rate limited; retry after {RetryAfter}.")]
    private static partial void LogRateLimited(ILogger logger, string method, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Steam {Method} did not answer within {Timeout}.")]
    private static partial void LogTimedOut(ILogger logger, string method, TimeSpan timeout);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Steam {Method} could not be reached ({Error}).")]
    private static partial void LogUnreachable(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Steam lists no games for library {LibraryId} (empty or private profile).")]
    private static partial void LogNoGames(ILogger logger, string libraryId);
}
