namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary>
/// <c>maintenance_mode</c> (document 003): a phase of a maintenance window. <see cref="Status"/> is one of
/// <see cref="MaintenanceStatuses"/>: <c>scheduled</c>, <c>starting</c> (announced ahead), <c>in_progress</c>,
/// <c>completed</c>, <c>cancelled</c>.
/// </summary>
public sealed record MaintenanceModeData
{
    public required string Status { get; init; }

    public required string Message { get; init; }

    public required int DurationMinutes { get; init; }

    public required DateTimeOffset ScheduledStart { get; init; }

    public required DateTimeOffset ScheduledEnd { get; init; }

    public IReadOnlyList<string> AffectedServices { get; init; } = [];
}
