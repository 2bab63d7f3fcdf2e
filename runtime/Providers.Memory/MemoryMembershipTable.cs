using System.Globalization;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Providers.Memory;

/// <summary>
/// Membership tables in memory, with the semantics of the PostgreSQL table (see <see cref="IMembershipTable"/>):
/// compare-and-swap on the table version and the row etag under one lock, etags drawn from one counter for the
/// whole store (never reused), times truncated to the microsecond and kept in UTC, dead rows final.
/// One instance is one store holding any number of clusters; this instance is the table of
/// <see cref="ClusterId"/>, and <see cref="ForCluster"/> gives the table of another cluster in the same store.
/// Hand the same instance to every silo of a test cluster, and to a restarted silo, to share the table.
/// </summary>
public sealed class MemoryMembershipTable : IMembershipTable
{
    /// <summary>What a cluster without a table version reads as; the counter starts at 1, so no write matches it.</summary>
    private static readonly TableVersion Uninitialized = new(0, "0");

    private readonly Store _store;

    public MemoryMembershipTable(string clusterId = "dev")
        : this(new Store(), clusterId)
    {
    }

    private MemoryMembershipTable(Store store, string clusterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        _store = store;
        ClusterId = clusterId;
    }

    public string ClusterId { get; }

    /// <summary>The table of <paramref name="clusterId"/> in this instance's store.</summary>
    public MemoryMembershipTable ForCluster(string clusterId) => clusterId == ClusterId ? this : new MemoryMembershipTable(_store, clusterId);

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (tryInitTableVersion)
        {
            lock (_store.Lock)
            {
                var cluster = Cluster(create: true)!;
                cluster.Version ??= new TableVersion(0, _store.NextEtag());
            }
        }

        return Task.CompletedTask;
    }

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Lock)
        {
            var cluster = Cluster(create: false);
            return Task.FromResult(cluster?.Version is null
                ? new MembershipTableData([], Uninitialized)
                : new MembershipTableData(cluster.Rows.Values.Select(r => (r.Entry, r.ETag)), cluster.Version));
        }
    }

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Lock)
        {
            var cluster = Cluster(create: false);
            if (cluster?.Version is null)
            {
                return Task.FromResult(new MembershipTableData([], Uninitialized));
            }

            return Task.FromResult(cluster.Rows.TryGetValue(silo, out var row)
                ? new MembershipTableData([(row.Entry, row.ETag)], cluster.Version)
                : new MembershipTableData([], cluster.Version));
        }
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = Normalize(entry);
        lock (_store.Lock)
        {
            var cluster = Cluster(create: false);
            if (cluster is null || !VersionMatches(cluster, tableVersion) || cluster.Rows.ContainsKey(stored.SiloAddress))
            {
                return Task.FromResult(false);
            }

            cluster.Rows[stored.SiloAddress] = new Row(stored, _store.NextEtag());
            cluster.Version = new TableVersion(tableVersion.Version, _store.NextEtag());
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(tableVersion);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = Normalize(entry);
        lock (_store.Lock)
        {
            var cluster = Cluster(create: false);
            if (cluster is null
                || !VersionMatches(cluster, tableVersion)
                || !cluster.Rows.TryGetValue(stored.SiloAddress, out var row)
                || row.ETag != etag
                || (row.Entry.Status == SiloStatus.Dead && stored.Status != SiloStatus.Dead))
            {
                return Task.FromResult(false);
            }

            cluster.Rows[stored.SiloAddress] = new Row(stored, _store.NextEtag());
            cluster.Version = new TableVersion(tableVersion.Version, _store.NextEtag());
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        var aliveAt = Normalize(entry.IAmAliveTime);
        lock (_store.Lock)
        {
            var cluster = Cluster(create: false);
            if (cluster is null || !cluster.Rows.TryGetValue(entry.SiloAddress, out var row) || row.Entry.Status == SiloStatus.Dead)
            {
                return Task.FromResult(false);
            }

            cluster.Rows[entry.SiloAddress] = new Row(row.Entry with { IAmAliveTime = aliveAt }, _store.NextEtag());
            return Task.FromResult(true);
        }
    }

    public Task<int> CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var before = Normalize(beforeDate);
        lock (_store.Lock)
        {
            var cluster = Cluster(create: false);
            if (cluster is null)
            {
                return Task.FromResult(0);
            }

            var defunct = cluster.Rows.Values
                .Where(r => r.Entry.Status == SiloStatus.Dead && r.Entry.IAmAliveTime < before)
                .Select(r => r.Entry.SiloAddress)
                .ToList();
            foreach (var silo in defunct)
            {
                cluster.Rows.Remove(silo);
            }

            return Task.FromResult(defunct.Count);
        }
    }

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_store.Lock)
        {
            _store.Clusters.Remove(clusterId);
        }

        return Task.CompletedTask;
    }

    /// <summary>The table's etag must still be the one read, and the proposed number above the table's.</summary>
    private static bool VersionMatches(ClusterTable cluster, TableVersion proposed) =>
        cluster.Version is { } current && current.VersionEtag == proposed.VersionEtag && proposed.Version > current.Version;

    /// <summary>Stored as PostgreSQL stores it: microseconds, UTC.</summary>
    private static MembershipEntry Normalize(MembershipEntry entry) => entry with
    {
        StartTime = Normalize(entry.StartTime),
        IAmAliveTime = Normalize(entry.IAmAliveTime),
        SuspectTimes = [.. entry.SuspectTimes.Select(s => s with { At = Normalize(s.At) })],
    };

    private static DateTimeOffset Normalize(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    private ClusterTable? Cluster(bool create)
    {
        if (!_store.Clusters.TryGetValue(ClusterId, out var cluster) && create)
        {
            cluster = new ClusterTable();
            _store.Clusters.Add(ClusterId, cluster);
        }

        return cluster;
    }

    private readonly record struct Row(MembershipEntry Entry, string ETag);

    private sealed class ClusterTable
    {
        public TableVersion? Version { get; set; }

        public Dictionary<SiloAddress, Row> Rows { get; } = [];
    }

    /// <summary>Every cluster of one store, under one lock; etags count up across all of them.</summary>
    private sealed class Store
    {
        private long _lastEtag;

        public Lock Lock { get; } = new();

        public Dictionary<string, ClusterTable> Clusters { get; } = new(StringComparer.Ordinal);

        /// <summary>Call under <see cref="Lock"/>.</summary>
        public string NextEtag() => (++_lastEtag).ToString(CultureInfo.InvariantCulture);
    }
}
