using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;

namespace OrleansRealtime.Grains.SystemNotices;

/// <summary>
/// Which phase a maintenance window is in at a given time, and when the next one begins:
/// <c>scheduled</c> until <c>start − AnnounceAhead</c>, <c>starting</c> until the start,
/// <c>in_progress</c> until the end, then <c>completed</c>.
/// </summary>
internal static class MaintenancePhases
{
    public static string At(MaintenanceWindow window, DateTimeOffset now, TimeSpan announceAhead) =>
        now >= window.ScheduledEnd ? MaintenanceStatuses.Completed
        : now >= window.ScheduledStart ? MaintenanceStatuses.InProgress
        : now >= window.ScheduledStart - announceAhead ? MaintenanceStatuses.Starting
        : MaintenanceStatuses.Scheduled;

    /// <summary>When the phase after <paramref name="phase"/> begins; null after <c>completed</c>.</summary>
    public static DateTimeOffset? NextChange(MaintenanceWindow window, string phase, TimeSpan announceAhead) => phase switch
    {
        MaintenanceStatuses.Scheduled => window.ScheduledStart - announceAhead,
        MaintenanceStatuses.Starting => window.ScheduledStart,
        MaintenanceStatuses.InProgress => window.ScheduledEnd,
        _ => null,
    };

    /// <summary>The standard text of a phase; <c>scheduled</c> uses the operator's message when one was given.</summary>
    public static string Message(MaintenanceWindow window, string phase, DateTimeOffset now) => phase switch
    {
        MaintenanceStatuses.Scheduled => window.Message
            ?? $"System maintenance scheduled for {window.ScheduledStart.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({window.DurationMinutes} minutes)",
        MaintenanceStatuses.Starting => $"System maintenance starting in {MinutesUntil(window.ScheduledStart, now)} minutes",
        MaintenanceStatuses.InProgress => $"System maintenance in progress until {window.ScheduledEnd.UtcDateTime:HH:mm} UTC",
        MaintenanceStatuses.Completed => "System maintenance completed",
        _ => "Scheduled system maintenance cancelled",
    };

    private static long MinutesUntil(DateTimeOffset at, DateTimeOffset now) => Math.Max(1, (long)Math.Ceiling((at - now).TotalMinutes));
}
