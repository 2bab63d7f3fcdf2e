using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Grains.SystemNotices;

public sealed partial class SystemGrain
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Could not write the system notices state; the activation is dropped so the next call reads storage")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Maintenance {WindowId} announced as {Phase}")]
    private static partial void LogMaintenancePhase(ILogger logger, string windowId, string phase);
}
