namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary>
/// <c>system_status_update</c> (document 003): a component's health changed. <see cref="Status"/> is one of
/// <see cref="ComponentStatuses"/> (<c>operational</c>, <c>degraded</c>, <c>partial_outage</c>, <c>major_outage</c>, <c>maintenance</c>).
/// </summary>
public sealed record SystemStatusUpdateData
{
    public required string Component { get; init; }

    public required string Status { get; init; }

    public required string Message { get; init; }

    public string? Impact { get; init; }

    public DateTimeOffset? EstimatedResolution { get; init; }
}
