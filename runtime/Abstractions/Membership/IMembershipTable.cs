using OrleansRealtime.Abstractions.Exceptions;

namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// The membership table of one cluster (one cluster id): a row per silo process and a table version, in the
/// spirit of Orleans' <c>IMembershipTable</c> and its ADO.NET implementation. Silos insert themselves, heartbeat
/// their row, change their own status, and declare other silos dead; clients read it to find gateways.
/// </summary>
/// <remarks>
/// <para><b>Consistency.</b> Every change of membership (<see cref="InsertRowAsync"/>,
/// <see cref="UpdateRowAsync"/>) is a compare-and-swap on the table version, applied atomically with the row
/// change: of several writers that read the same version exactly one succeeds, the others get
/// <see langword="false"/> and change nothing. So membership changes are totally ordered by version, and a
/// writer that decided on a stale view (for example "silo X has not heartbeated for the death timeout")
/// cannot apply the decision. <see cref="UpdateRowAsync"/> also needs the row's own etag, which changes on
/// every write of the row, heartbeats included: a silo that heartbeated after the reader read it cannot be
/// declared dead on that read. Heartbeats (<see cref="UpdateIAmAliveAsync"/>) and cleanup of dead rows do not
/// change the table version.</para>
/// <para><b>Reads</b> are snapshots: the rows and the version of one <see cref="MembershipTableData"/> are
/// from one instant. A read may be stale as soon as it returns; only a successful write proves it was current.</para>
/// <para><b>Dead is final.</b> An update that would move a <see cref="SiloStatus.Dead"/> row to another status
/// is refused (<see langword="false"/>), and a heartbeat of a dead row changes nothing and returns
/// <see langword="false"/>: the silo learns it was declared dead and must stop serving (self-fencing).</para>
/// <para><b>Failures and timeouts.</b> When the store cannot be reached or does not answer within the
/// provider's command timeout (PostgreSQL: <c>Realtime:Clustering:PostgreSql:CommandTimeout</c>, 5 s), a call
/// throws <see cref="MembershipTableException"/>. For a write, the outcome is then unknown (the commit may
/// have happened and only its answer been lost): re-read before deciding anything. Cancelling through the
/// token throws <see cref="OperationCanceledException"/>. A <see langword="false"/> is never a failure of the
/// store; it is a lost race or a refused change, and a re-read shows why.</para>
/// <para>Times in entries are stored to the microsecond and read back in UTC.</para>
/// </remarks>
public interface IMembershipTable
{
    /// <summary>
    /// Creates what the store needs (tables, PostgreSQL's schema) and, when <paramref name="tryInitTableVersion"/>
    /// is true, this cluster's table version (version 0) unless it exists. Idempotent and safe to race: every
    /// silo calls it with true at start; a client, which never writes, may call it with false.
    /// </summary>
    Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every row of this cluster and the table version. Before <see cref="InitializeMembershipTableAsync"/>
    /// created the version, no rows and version 0 with an etag that no write matches.
    /// </summary>
    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>The row of <paramref name="silo"/> (this generation only; none if absent) and the table version, from one instant.</summary>
    Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts <paramref name="entry"/> and raises the table version to <paramref name="tableVersion"/>, atomically.
    /// </summary>
    /// <param name="entry">A silo whose address (with this generation) has no row yet.</param>
    /// <param name="tableVersion">The version read, advanced with <see cref="TableVersion.Next"/>.</param>
    /// <returns>
    /// True when written. False, with nothing changed, when the table's etag is no longer
    /// <paramref name="tableVersion"/>'s (another write came first: re-read and retry), when
    /// <paramref name="tableVersion"/>'s number is not above the table's, or when the silo already has a row.
    /// </returns>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the row of <paramref name="entry"/>'s silo with <paramref name="entry"/> (every field) and raises
    /// the table version to <paramref name="tableVersion"/>, atomically. This is how a silo changes its own
    /// status and how a live silo declares another one <see cref="SiloStatus.Dead"/>.
    /// </summary>
    /// <param name="etag">The row's etag from the same read as <paramref name="tableVersion"/>.</param>
    /// <param name="tableVersion">The version read, advanced with <see cref="TableVersion.Next"/>.</param>
    /// <returns>
    /// True when written. False, with nothing changed, when the table version or the row changed since the read
    /// (a heartbeat counts), the row is gone, or the row is dead and <paramref name="entry"/> is not.
    /// </returns>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// The heartbeat: sets the row's <see cref="MembershipEntry.IAmAliveTime"/> to <paramref name="entry"/>'s,
    /// without a version check and without changing the table version. The row gets a new etag.
    /// </summary>
    /// <returns>
    /// True when written. False when the silo has no row or its row is <see cref="SiloStatus.Dead"/>: it was
    /// declared dead (or cleaned up) and must stop serving. (Orleans' <c>UpdateIAmAlive</c> returns nothing;
    /// the answer is what the silo's self-fencing needs.)
    /// </returns>
    Task<bool> UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes this cluster's <see cref="SiloStatus.Dead"/> rows whose heartbeat is older than
    /// <paramref name="beforeDate"/>; the table version does not change. Rows of any other status stay, however
    /// old: a silo that vanished without being declared dead must still be declared dead (which is what removes
    /// its grain directory entries), not silently forgotten. (Orleans' ADO.NET table also deletes old rows
    /// that are not active; this one does not, for that reason.)
    /// </summary>
    /// <returns>How many rows were deleted.</returns>
    Task<int> CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every row and the table version of cluster <paramref name="clusterId"/> (this table's or another
    /// one's in the same store): a reset for tests and for tearing a deployment down. Never used while silos run.
    /// </summary>
    Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default);
}
