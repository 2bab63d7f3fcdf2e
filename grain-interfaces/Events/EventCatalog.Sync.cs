using OrleansRealtime.GrainInterfaces.Events.Sync;

namespace OrleansRealtime.GrainInterfaces.Events;

public static partial class EventCatalog
{
    // A sync's start, rate limit and end are durable (a client that missed them would spin forever);
    // progress is conflatable per operation because only the latest counters matter.
    private static IEnumerable<EventDescriptor> Sync() =>
    [
        new("sync_started", typeof(SyncStartedData), EventCategory.SyncProgress, DeliveryClass.Durable,
            "A library sync began: how many games it will process and roughly how long it takes."),
        new("sync_progress", typeof(SyncProgressData), EventCategory.SyncProgress, DeliveryClass.Conflatable,
            "Throttled progress of a running sync: counters, current game, rate and estimated completion.",
            ConflationKey: "operation_id"),
        new("sync_completed", typeof(SyncCompletedData), EventCategory.SyncProgress, DeliveryClass.Durable,
            "A sync finished: counters, duration and a summary of new and updated games."),
        new("sync_failed", typeof(SyncFailedData), EventCategory.SyncProgress, DeliveryClass.Durable,
            "A sync stopped: error code and message, whether and when to retry, and what to try."),
        new("sync_rate_limited", typeof(SyncRateLimitedData), EventCategory.SyncProgress, DeliveryClass.Durable,
            "The platform rate-limited a sync; with auto_resume it continues by itself after retry_after_seconds."),
    ];
}
