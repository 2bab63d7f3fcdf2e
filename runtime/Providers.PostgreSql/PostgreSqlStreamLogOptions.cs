namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>Where and how the stream log talks to PostgreSQL, bound from <c>Realtime:StreamLog:PostgreSql</c>.</summary>
public sealed class PostgreSqlStreamLogOptions
{
    public const string SectionName = "Realtime:StreamLog:PostgreSql";

    /// <summary>The default <see cref="CommandTimeout"/>: a publish of a durable item waits on an append, so it stays short.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>An Npgsql connection string. When empty, <c>Realtime:Storage:PostgreSql:ConnectionString</c> is used.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The deadline of each log operation, from the call to its answer (default 5 s). Past it the call throws
    /// <c>StreamLogException</c> with a <see cref="TimeoutException"/> inside, and the publish waiting on it fails;
    /// an append abandoned so may still commit.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;
}
