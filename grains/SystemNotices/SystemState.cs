using OrleansRealtime.GrainInterfaces.SystemNotices;

namespace OrleansRealtime.Grains.SystemNotices;

/// <summary>What <see cref="SystemGrain"/> persists: the last status per component and the maintenance window.</summary>
public sealed class SystemState
{
    public Dictionary<string, ComponentStatus> Components { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The pending or running window; null when there is none (a completed or cancelled window is removed).</summary>
    public MaintenanceWindow? Maintenance { get; set; }
}
