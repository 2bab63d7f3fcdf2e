namespace OrleansRealtime.GrainInterfaces.SystemNotices;

/// <summary>The last reported status of one component (from its latest <c>system_status_update</c>).</summary>
public sealed record ComponentStatus
{
    public required string Component { get; init; }

    public required string Status { get; init; }

    public required string Message { get; init; }

    public string? Impact { get; init; }

    public DateTimeOffset? EstimatedResolution { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
