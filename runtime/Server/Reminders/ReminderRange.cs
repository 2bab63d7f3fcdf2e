using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Reminders;

/// <summary>
/// Which reminders a silo ticks: a consistent-hash ring of the active silos, as Orleans' reminder service. Each silo
/// hashes its address onto the ring and owns the grain hashes after its predecessor's up to its own; together the
/// ranges cover the ring exactly once, so each reminder has one owner. Silos compute the ring from their own
/// membership views, which may briefly differ while a silo joins or dies: in that window a tick can be delivered
/// twice or late, never lost for longer than one refresh after the views agree.
/// </summary>
internal readonly record struct ReminderRange(uint BeginExclusive, uint EndInclusive)
{
    /// <summary>The whole ring (begin == end): a single silo, or no cluster.</summary>
    public static ReminderRange All => new(0, 0);

    public bool IsAll => BeginExclusive == EndInclusive;

    public static ReminderRange For(SiloAddress self, IEnumerable<SiloAddress> activeSilos)
    {
        var ring = activeSilos.Append(self).Distinct()
            .Select(s => (Hash: StableHash.Compute(s.ToParsableString()), Silo: s))
            .OrderBy(p => p.Hash).ThenBy(p => p.Silo)
            .ToList();
        if (ring.Count <= 1)
        {
            return All;
        }

        int index = ring.FindIndex(p => p.Silo.Equals(self));
        var predecessor = ring[(index + ring.Count - 1) % ring.Count];
        return new ReminderRange(predecessor.Hash, ring[index].Hash);
    }

    /// <summary>The silo whose range holds <paramref name="hash"/> on the ring of <paramref name="self"/> and <paramref name="activeSilos"/>.</summary>
    public static SiloAddress OwnerOf(uint hash, SiloAddress self, IEnumerable<SiloAddress> activeSilos)
    {
        var ring = activeSilos.Append(self).Distinct().ToList();
        return ring.First(s => For(s, ring).Contains(hash));
    }

    /// <summary>The same rule as <c>IReminderTable.ReadRowsAsync(begin, end)</c>: begin &lt; h &lt;= end, wrapping when begin &gt;= end.</summary>
    public bool Contains(uint hash) =>
        IsAll
        || (BeginExclusive < EndInclusive ? hash > BeginExclusive && hash <= EndInclusive : hash > BeginExclusive || hash <= EndInclusive);
}
