namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary>
/// The phases a maintenance window announces, in order: <c>scheduled</c> (when it is planned),
/// <c>starting</c> (document 003's example, <c>Realtime:System:AnnounceAhead</c> before the start),
/// <c>in_progress</c> (at the start), <c>completed</c> (at the end); or <c>cancelled</c> instead of the rest.
/// </summary>
public static class MaintenanceStatuses
{
    public const string Scheduled = "scheduled";

    public const string Starting = "starting";

    public const string InProgress = "in_progress";

    public const string Completed = "completed";

    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Scheduled, Starting, InProgress, Completed, Cancelled];
}
