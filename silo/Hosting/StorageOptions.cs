namespace OrleansRealtime.Silo.Hosting;

/// <summary>Which storage engine the silo uses, bound from <c>Realtime:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Realtime:Storage";

    /// <summary>
    /// <c>Sqlite</c> (default: one node, a file under ./data/, durable across restarts), <c>PostgreSql</c>
    /// (clusters; needs <c>Realtime:Storage:PostgreSql:ConnectionString</c>) or <c>Memory</c> (tests; lost on exit).
    /// </summary>
    public string Provider { get; set; } = "Sqlite";
}
