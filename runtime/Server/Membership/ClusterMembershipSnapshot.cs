using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Membership;

/// <summary>
/// One immutable state of the membership table as a silo knows it: every row (dead ones until cleaned up) and
/// the table version it was read at. See <see cref="IClusterMembership"/> for how fresh it is.
/// </summary>
public sealed class ClusterMembershipSnapshot
{
    private readonly Dictionary<SiloAddress, MembershipEntry> _bySilo;

    public ClusterMembershipSnapshot(int version, IEnumerable<MembershipEntry> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Version = version;
        _bySilo = [];
        foreach (var member in members)
        {
            _bySilo[member.SiloAddress] = member;
        }

        Members = [.. _bySilo.Values.OrderBy(m => m.SiloAddress)];
        ActiveSilos = [.. Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];
    }

    /// <summary>No silos, version -1: before the first read.</summary>
    public static ClusterMembershipSnapshot Empty { get; } = new(-1, []);

    /// <summary>The table version number this snapshot reflects (every membership change raises it; heartbeats do not).</summary>
    public int Version { get; }

    /// <summary>Every row, ordered by silo address (the order every silo agrees on).</summary>
    public IReadOnlyList<MembershipEntry> Members { get; }

    /// <summary>The silos whose status is <see cref="SiloStatus.Active"/>, ordered by address: candidates for placement.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos { get; }

    /// <summary>The row of <paramref name="silo"/> (that generation), or null.</summary>
    public MembershipEntry? Find(SiloAddress silo) => _bySilo.GetValueOrDefault(silo);

    /// <summary><paramref name="silo"/>'s status, or <see cref="SiloStatus.None"/> when it has no row.</summary>
    public SiloStatus GetStatus(SiloAddress silo) => Find(silo)?.Status ?? SiloStatus.None;

    /// <summary>This snapshot with <paramref name="entry"/>'s row replaced (or added), at <paramref name="version"/>.</summary>
    internal ClusterMembershipSnapshot With(MembershipEntry entry, int version) =>
        new(version, Members.Where(m => !m.SiloAddress.Equals(entry.SiloAddress)).Append(entry));

    /// <summary>True when both have the same silos with the same statuses (heartbeat times aside).</summary>
    internal bool HasSameStatuses(ClusterMembershipSnapshot other) =>
        _bySilo.Count == other._bySilo.Count
        && _bySilo.All(kv => other._bySilo.TryGetValue(kv.Key, out var entry) && entry.Status == kv.Value.Status);

    public override string ToString() =>
        $"version {Version}: {string.Join(", ", Members.Select(m => $"{m.SiloAddress} {m.Status}"))}";
}
