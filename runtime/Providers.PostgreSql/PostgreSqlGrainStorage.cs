using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansRealtime.Providers.PostgreSql.Internal;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Grain state in the PostgreSQL table <c>grain_state</c>, with the compare-and-swap semantics of
/// <see cref="RelationalGrainStorage"/>: of several silos holding the same etag exactly one write succeeds.
/// The schema is created on first use. The data source belongs to the caller (in a silo, to the service provider).
/// </summary>
public sealed class PostgreSqlGrainStorage(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null, ILogger<PostgreSqlGrainStorage>? logger = null)
    : RelationalGrainStorage(timeProvider)
{
    private readonly PostgreSqlDatabase _database = new(dataSource, logger ?? (ILogger)NullLogger.Instance);

    /// <summary>Creates the tables now rather than on the first call (idempotent; failures throw <see cref="Abstractions.Exceptions.GrainStorageException"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(cancellationToken);

    protected override Task<T> RunAsync<T>(string operation, Func<DbConnection, Task<T>> body, CancellationToken cancellationToken) =>
        _database.RunAsync(operation, connection => body(connection), cancellationToken);
}
