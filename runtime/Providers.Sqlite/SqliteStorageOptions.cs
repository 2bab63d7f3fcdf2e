namespace OrleansRealtime.Providers.Sqlite;

/// <summary>
/// Where the SQLite providers keep their data, bound from <c>Realtime:Storage:Sqlite</c>. Grain storage
/// options are named after the storage ("Default", ...); the reminder table uses the unnamed options.
/// Both usually point at the same file.
/// </summary>
public sealed class SqliteStorageOptions
{
    public const string SectionName = "Realtime:Storage:Sqlite";

    public const string DefaultConnectionString = "Data Source=./data/realtime.db";

    /// <summary>
    /// A Microsoft.Data.Sqlite connection string. Default: <c>Data Source=./data/realtime.db</c>, relative to the
    /// working directory; the directory is created on first use. In-memory databases are not supported (each
    /// pooled connection would see its own empty database).
    /// </summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>
    /// How long a statement waits for another connection's write lock before failing (SQLite's busy timeout).
    /// Default 5 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
