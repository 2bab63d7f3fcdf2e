using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Membership;

/// <summary>
/// This silo's view of the cluster's membership, kept by its membership agent from the membership table: for
/// placement, the client's gateway list and cluster status. Resolve it from the silo's services. Without a
/// membership table (a single-node silo) it stays empty and <see cref="LocalSilo"/> null.
/// </summary>
/// <remarks>
/// <para><b>What the view guarantees.</b> Every <see cref="Current"/> is one table read (or a read plus this
/// silo's own successful writes on top of it) and carries that table version; a later snapshot never has a lower
/// version than an earlier one, so the statuses it shows never go back in time. <see cref="SiloStatus.Dead"/> is
/// final: a silo shown dead is dead, and stays dead in every later snapshot until its row is cleaned up (then it
/// is absent; an absent silo is not coming back either, as a restart is a new generation).</para>
/// <para><b>What it does not.</b> It is not current: it is as old as the agent's last read, up to
/// <c>Realtime:Clustering:TableRefreshPeriod</c> (60 s) plus a table call, and longer while the table is
/// unreachable. A silo shown <see cref="SiloStatus.Active"/> may have died since; nothing here detects that
/// sooner than <c>DeathTimeout</c> (90 s) after its last heartbeat. Two silos may briefly disagree. Code that
/// must not act on a stale view uses the table's compare-and-swap (membership) or the grain directory's
/// conditional register (single activation), never this view alone.</para>
/// <para><b>Events.</b> <see cref="Changed"/> is raised after a snapshot in which some silo's status differs from
/// the previous one (joined, changed status, declared dead, cleaned up); heartbeats alone raise nothing. Handlers
/// never run concurrently with each other, never under a lock of the view, and see versions in non-decreasing
/// order; a handler that falls behind gets the newest snapshot (intermediate ones may be skipped). Handlers must
/// be quick and must not block; an exception from one is logged and does not stop the others.</para>
/// </remarks>
public interface IClusterMembership
{
    /// <summary>This silo's address and generation once it has inserted its row; null before (and without clustering).</summary>
    SiloAddress? LocalSilo { get; }

    /// <summary>The latest snapshot (<see cref="ClusterMembershipSnapshot.Empty"/> before the first read).</summary>
    ClusterMembershipSnapshot Current { get; }

    /// <summary>Raised with the new snapshot when a silo's status changed; see the remarks for ordering.</summary>
    event Action<ClusterMembershipSnapshot>? Changed;
}
