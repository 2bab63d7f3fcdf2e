namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// One row of the membership table: one silo process (address and generation) and what the cluster knows
/// about it. As Orleans' <c>MembershipEntry</c>. Equal when every field is equal (the suspect list element by
/// element).
/// </summary>
/// <remarks>
/// Times are the writer's clock (its <c>TimeProvider</c>), stored to the microsecond and read back in UTC: a
/// silo comparing another silo's <see cref="IAmAliveTime"/> with its own clock depends on clocks being far
/// closer together than the death timeout.
/// </remarks>
public sealed record MembershipEntry
{
    private readonly IReadOnlyList<SuspectTime> _suspectTimes = [];

    /// <summary>The row's key.</summary>
    public required SiloAddress SiloAddress { get; init; }

    public required SiloStatus Status { get; init; }

    /// <summary>A readable name (the silo's <c>Realtime:Silo:SiloName</c>), for logs and cluster status.</summary>
    public string SiloName { get; init; } = string.Empty;

    /// <summary>The machine (or pod) the silo runs on.</summary>
    public string HostName { get; init; } = string.Empty;

    /// <summary>The silo-to-silo port: the port of <see cref="SiloAddress"/>.</summary>
    public int SiloPort => SiloAddress.Port;

    /// <summary>The port clients connect to on <see cref="SiloAddress"/>'s address (Orleans' default 30000), or 0 when the silo is no gateway.</summary>
    public int GatewayPort { get; init; }

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>The silo's last heartbeat, written by <see cref="IMembershipTable.UpdateIAmAliveAsync"/>.</summary>
    public DateTimeOffset IAmAliveTime { get; init; }

    /// <summary>Votes of silos that suspect this one; empty unless a probe-based detector writes them.</summary>
    public IReadOnlyList<SuspectTime> SuspectTimes
    {
        get => _suspectTimes;
        init => _suspectTimes = value is null ? [] : [.. value];
    }

    public bool Equals(MembershipEntry? other) =>
        other is not null
        && SiloAddress.Equals(other.SiloAddress)
        && Status == other.Status
        && SiloName == other.SiloName
        && HostName == other.HostName
        && GatewayPort == other.GatewayPort
        && StartTime == other.StartTime
        && IAmAliveTime == other.IAmAliveTime
        && SuspectTimes.SequenceEqual(other.SuspectTimes);

    public override int GetHashCode() => HashCode.Combine(SiloAddress, Status, SiloName, HostName, GatewayPort, StartTime, IAmAliveTime, SuspectTimes.Count);

    public override string ToString() =>
        $"{SiloAddress} '{SiloName}' on {HostName}: {Status}, gateway port {GatewayPort}, started {StartTime:O}, alive at {IAmAliveTime:O}, {SuspectTimes.Count} suspect votes";
}
