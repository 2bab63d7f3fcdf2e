namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Where and how the grain directory talks to PostgreSQL, bound from <c>Realtime:GrainDirectory:PostgreSql</c>.
/// The directory holds the entries of the silo's cluster (<c>Realtime:Silo:ClusterId</c>).
/// </summary>
public sealed class PostgreSqlGrainDirectoryOptions
{
    public const string SectionName = "Realtime:GrainDirectory:PostgreSql";

    /// <summary>The default <see cref="CommandTimeout"/>: a first call to a grain waits on a register, so it stays short.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>An Npgsql connection string. When empty, <c>Realtime:Storage:PostgreSql:ConnectionString</c> is used.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The deadline of each directory operation, from the call to its answer. Past it the call throws
    /// <c>GrainDirectoryException</c> with a <see cref="TimeoutException"/> inside (Npgsql may take up to its
    /// <c>Cancellation Timeout</c>, 2 s by default, longer when the server does not answer at all).
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;
}
