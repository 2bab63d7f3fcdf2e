namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary>The <c>status</c> of a <c>system_status_update</c> (document 003 shows <c>degraded</c>).</summary>
public static class ComponentStatuses
{
    public const string Operational = "operational";

    public const string Degraded = "degraded";

    public const string PartialOutage = "partial_outage";

    public const string MajorOutage = "major_outage";

    public const string Maintenance = "maintenance";

    public static IReadOnlyList<string> All { get; } = [Operational, Degraded, PartialOutage, MajorOutage, Maintenance];

    public static bool IsKnown(string? status) => status is Operational or Degraded or PartialOutage or MajorOutage or Maintenance;
}
