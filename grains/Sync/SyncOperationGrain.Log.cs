using Microsoft.Extensions.Logging;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Grains.Sync;

public sealed partial class SyncOperationGrain
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Sync {OperationId} of library {LibraryId} from {Platform} ({OperationType}) started.")]
    private static partial void LogStarted(ILogger logger, string operationId, string libraryId, string platform, string operationType);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Sync {OperationId} resumes from its checkpoint at {GamesProcessed} games.")]
    private static partial void LogResuming(ILogger logger, string operationId, int gamesProcessed);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Sync {OperationId} rate limited at {GamesProcessed} games; resumes in {RetryAfter}.")]
    private static partial void LogRateLimited(ILogger logger, string operationId, TimeSpan retryAfter, int gamesProcessed);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Sync {OperationId} resumes after its rate limit at {GamesProcessed} games.")]
    private static partial void LogResumingAfterRateLimit(ILogger logger, string operationId, int gamesProcessed);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Sync {OperationId} hit {Code} (failure {Failures} in a row); retrying in {Delay}.")]
    private static partial void LogRetrying(ILogger logger, string operationId, string code, int failures, TimeSpan delay);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Sync {OperationId} ended {Status}: {GamesProcessed} processed, {GamesAdded} added, {GamesUpdated} updated, error {ErrorCode}.")]
    private static partial void LogFinished(ILogger logger, string operationId, SyncStatus status, int gamesProcessed, int gamesAdded, int gamesUpdated, string? errorCode);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Sync {OperationId} could not tell its library it ended; the watchdog reminder retries.")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string operationId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Sync {OperationId} could not merge the games read since its checkpoint; they are read again by the next sync.")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string operationId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Sync {OperationId} failed unexpectedly.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string operationId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Sync {OperationId} could not write its state; the activation is dropped and the operation resumes from storage.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string operationId);
}
