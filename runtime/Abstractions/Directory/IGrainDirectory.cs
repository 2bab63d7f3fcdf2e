using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Abstractions.Directory;

/// <summary>
/// Which activation of each grain is the one, cluster-wide: a map from grain id to <see cref="GrainAddress"/>,
/// in the spirit of Orleans' <c>IGrainDirectory</c> (its ADO.NET and Redis directories). A silo registers an
/// activation before it runs any call on it; whoever registers first wins, and every other silo forwards
/// its callers to the winner and drops its own attempt. That is what guarantees a single activation.
/// </summary>
/// <remarks>
/// <para><b>Consistency.</b> Operations on one grain id are linearizable: they take effect in one order, and
/// each sees the effect of every operation that completed before it started. So of many concurrent
/// <see cref="RegisterAsync"/> calls for a grain with no entry, exactly one inserts its address, and all of
/// them return that same address. Operations on different grain ids are independent.</para>
/// <para><b>Staleness.</b> An entry can outlive its activation: the silo died and
/// <see cref="UnregisterSilosAsync"/> has not run yet (or a slow register landed after it). The caller that
/// finds an entry whose silo its membership view shows dead replaces it with
/// <see cref="RegisterAsync"/>(address, previousAddress: that entry), which succeeds only if nobody replaced
/// it first. Callers cache lookups; a stale cache is detected by the silo it points to (which no longer has
/// the activation) and refreshed with <see cref="LookupAsync"/>.</para>
/// <para><b>Failures and timeouts.</b> When the store cannot be reached or does not answer within the
/// provider's command timeout (PostgreSQL: <c>Realtime:GrainDirectory:PostgreSql:CommandTimeout</c>, 5 s), a
/// call throws <see cref="GrainDirectoryException"/>; the outcome of a write is then unknown, and retrying it
/// is safe (registering an address that is already the entry returns it; unregistering one that is gone does
/// nothing). The activation must not serve calls until a register returned its own address. Cancelling
/// through the token throws <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public interface IGrainDirectory
{
    /// <summary>
    /// Makes <paramref name="address"/> the grain's entry if it has none, or, when
    /// <paramref name="previousAddress"/> is given, if the entry is exactly <paramref name="previousAddress"/>
    /// (same silo and activation), replacing it.
    /// </summary>
    /// <returns>
    /// The grain's entry after the call: <paramref name="address"/> when it won (or was already the entry),
    /// otherwise the activation that won, to which calls must go instead.
    /// </returns>
    Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? previousAddress = null, CancellationToken cancellationToken = default);

    /// <summary>The grain's entry, or null when it has none. Read from the store, never from a cache.</summary>
    Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the grain's entry only if it is still <paramref name="address"/> (same silo and activation): a
    /// deactivating activation that lost its entry to a newer one does not remove the newer one.
    /// </summary>
    /// <returns>True when the entry was removed; false when it was another activation's, or absent.</returns>
    Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every entry that points at one of <paramref name="silos"/> (those generations only); run once
    /// the silos are declared dead, so their grains can activate elsewhere. Entries of other silos stay.
    /// </summary>
    /// <returns>How many entries were removed.</returns>
    Task<int> UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken = default);
}
