namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Where and how the membership table talks to PostgreSQL, bound from <c>Realtime:Clustering:PostgreSql</c>.
/// The table holds the rows of the silo's cluster (<c>Realtime:Silo:ClusterId</c>).
/// </summary>
public sealed class PostgreSqlClusteringOptions
{
    public const string SectionName = "Realtime:Clustering:PostgreSql";

    /// <summary>The default <see cref="CommandTimeout"/>: well inside a heartbeat period (30 s), so a silo can retry a heartbeat before its lease (60 s) runs out.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An Npgsql connection string. When empty, <c>Realtime:Storage:PostgreSql:ConnectionString</c> is used, so a
    /// silo that keeps everything in one database names it once. Providers with the same connection string share
    /// one connection pool.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The deadline of each table operation, from the call to its answer: opening a connection (and creating the
    /// schema on first use) included. Past it the call throws <c>MembershipTableException</c> with a
    /// <see cref="TimeoutException"/> inside; Npgsql may take up to its <c>Cancellation Timeout</c> (2 s by default)
    /// longer when the server does not answer at all.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;
}
