namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Which PostgreSQL database the providers use, bound from <c>Realtime:Storage:PostgreSql</c>. Grain storage
/// options are named after the storage ("Default", ...); the reminder table uses the unnamed options.
/// Providers with the same connection string share one <c>NpgsqlDataSource</c> (one connection pool).
/// </summary>
public sealed class PostgreSqlStorageOptions
{
    public const string SectionName = "Realtime:Storage:PostgreSql";

    /// <summary>
    /// An Npgsql connection string, for example <c>Host=db;Username=realtime;Password=…;Database=realtime</c>.
    /// Required. Tables go to the first schema of the search path (<c>Search Path=…</c> selects another).
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;
}
