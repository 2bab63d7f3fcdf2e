namespace OrleansRealtime.GrainInterfaces.SystemNotices;

/// <summary>
/// A maintenance window to schedule. <see cref="ScheduledStart"/> must not be in the past nor more than
/// <see cref="SystemLimits.MaxMaintenanceLead"/> ahead; <see cref="DurationMinutes"/> is
/// 1..<see cref="SystemLimits.MaxMaintenanceMinutes"/>.
/// </summary>
public sealed record MaintenanceRequest
{
    public required DateTimeOffset ScheduledStart { get; init; }

    public required int DurationMinutes { get; init; }

    /// <summary>The text of the <c>scheduled</c> announcement; later phases use standard texts.</summary>
    public string? Message { get; init; }

    /// <summary>For example <c>sync</c>, <c>ai_chat</c>; at most <see cref="SystemLimits.MaxAffectedServices"/> safe names.</summary>
    public IReadOnlyList<string> AffectedServices { get; init; } = [];
}
