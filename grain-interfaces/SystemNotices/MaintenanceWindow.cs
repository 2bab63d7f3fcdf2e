namespace OrleansRealtime.GrainInterfaces.SystemNotices;

/// <summary>A scheduled maintenance window and the last phase announced for it.</summary>
public sealed record MaintenanceWindow
{
    public required string Id { get; init; }

    /// <summary>The last <c>maintenance_mode</c> status broadcast for this window (<see cref="Events.SystemNotices.MaintenanceStatuses"/>).</summary>
    public required string Status { get; init; }

    public string? Message { get; init; }

    public required DateTimeOffset ScheduledStart { get; init; }

    public required DateTimeOffset ScheduledEnd { get; init; }

    public required int DurationMinutes { get; init; }

    public IReadOnlyList<string> AffectedServices { get; init; } = [];

    public required DateTimeOffset ScheduledAt { get; init; }
}
