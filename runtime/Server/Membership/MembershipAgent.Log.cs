using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Membership;

/// <summary>Event ids 1801–1820 (1821 is the view's).</summary>
internal sealed partial class MembershipAgent
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Silo {Silo} ('{SiloName}') inserted its membership row as Joining in cluster {ClusterId}")]
    private static partial void LogJoining(ILogger logger, SiloAddress silo, string siloName, string clusterId);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Silo {Silo} is {Status} in the membership table")]
    private static partial void LogStatusWritten(ILogger logger, SiloAddress silo, SiloStatus status);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Silo {Silo} could not {Step}; retrying in {RetryDelay}")]
    private static partial void LogJoinStepFailed(ILogger logger, Exception exception, SiloAddress? silo, string step, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Debug, Message = "Another write changed the membership table before silo {Silo} could write its status {Status}; re-reading")]
    private static partial void LogWriteRaceLost(ILogger logger, SiloAddress silo, SiloStatus status);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Warning, Message = "Heartbeat of silo {Silo} failed; its lease is {LeaseAge} old (LeaseTimeout {LeaseTimeout}); retrying in {RetryDelay}")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, SiloAddress silo, TimeSpan leaseAge, TimeSpan leaseTimeout, TimeSpan retryDelay);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Error, Message = "Silo {Silo} could not renew its heartbeat for {LeaseAge} (LeaseTimeout {LeaseTimeout}): it refuses grain calls until a heartbeat succeeds")]
    private static partial void LogFenced(ILogger logger, SiloAddress silo, TimeSpan leaseAge, TimeSpan leaseTimeout);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Information, Message = "Silo {Silo} renewed its heartbeat after an outage and accepts grain calls again")]
    private static partial void LogLeaseRenewed(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 1808, Level = LogLevel.Critical, Message = "Silo {Silo} was declared dead in the membership table ({How}): it refuses every grain call from now on and should be stopped; a restart joins as a new generation")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress? silo, string how);

    [LoggerMessage(EventId = 1809, Level = LogLevel.Warning, Message = "Silo {Silo} could not write its status {Status} (attempt {Attempt}); if it never does, other silos declare it dead after DeathTimeout")]
    private static partial void LogStatusWriteFailed(ILogger logger, Exception exception, SiloAddress silo, SiloStatus status, int attempt);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster (marked itself dead: {MarkedDead})")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo, bool markedDead);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Warning, Message = "Silo {Silo} declared silo {Dead} dead: its last heartbeat at {IAmAliveTime:O} is {Age} old (DeathTimeout {DeathTimeout})")]
    private static partial void LogDeclaredOtherDead(ILogger logger, SiloAddress silo, SiloAddress dead, DateTimeOffset iAmAliveTime, TimeSpan age, TimeSpan deathTimeout);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Information, Message = "Silo {Silo} declared {Dead}, an earlier generation of its endpoint, dead")]
    private static partial void LogDeclaredEarlierGenerationDead(ILogger logger, SiloAddress silo, SiloAddress dead);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Debug, Message = "Another write changed the membership table before silo {Silo} could declare {Dead} dead; re-reading")]
    private static partial void LogDeclarationLost(ILogger logger, SiloAddress silo, SiloAddress dead);

    [LoggerMessage(EventId = 1814, Level = LogLevel.Warning, Message = "Silo {Silo} could not refresh the membership table; next try in {RefreshPeriod}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, SiloAddress silo, TimeSpan refreshPeriod);

    [LoggerMessage(EventId = 1815, Level = LogLevel.Information, Message = "Removed {Count} grain directory entries of dead silos {Silos}")]
    private static partial void LogDirectoryEntriesRemoved(ILogger logger, int count, string silos);

    [LoggerMessage(EventId = 1816, Level = LogLevel.Warning, Message = "Could not remove the grain directory entries of dead silos {Silos}; the next refresh tries again")]
    private static partial void LogDirectoryCleanupFailed(ILogger logger, Exception exception, string silos);

    [LoggerMessage(EventId = 1817, Level = LogLevel.Information, Message = "Deleted {Count} dead membership rows with a heartbeat before {Before:O}")]
    private static partial void LogDefunctRowsDeleted(ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 1818, Level = LogLevel.Warning, Message = "Could not delete defunct membership rows; next try in {CleanupPeriod}")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, TimeSpan cleanupPeriod);

    [LoggerMessage(EventId = 1819, Level = LogLevel.Trace, Message = "Silo {Silo} wrote its heartbeat")]
    private static partial void LogHeartbeat(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 1820, Level = LogLevel.Warning, Message = "A handler of the membership agent's {Activity} notification threw")]
    private static partial void LogActivityHandlerFailed(ILogger logger, Exception exception, MembershipActivity activity);
}
