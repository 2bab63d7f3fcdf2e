using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansRealtime.Providers.Sqlite.Internal;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Providers.Sqlite;

/// <summary>
/// Grain state in the SQLite table <c>grain_state</c>, with the compare-and-swap semantics of
/// <see cref="RelationalGrainStorage"/>: concurrent writers holding the same etag cannot both succeed.
/// The schema is created on first use.
/// </summary>
public sealed class SqliteGrainStorage(SqliteStorageOptions options, TimeProvider? timeProvider = null, ILogger<SqliteGrainStorage>? logger = null)
    : RelationalGrainStorage(timeProvider)
{
    private readonly SqliteDatabase _database = new(options, logger ?? (ILogger)NullLogger.Instance);

    /// <summary>Creates the tables now rather than on the first call (idempotent; failures throw <see cref="Abstractions.Exceptions.GrainStorageException"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(cancellationToken);

    protected override Task<T> RunAsync<T>(string operation, Func<DbConnection, Task<T>> body, CancellationToken cancellationToken) =>
        _database.RunAsync(operation, connection => body(connection), cancellationToken);

    // SQLite has no timestamp type; the round-trip ISO form sorts and reads back unambiguously.
    protected override object UpdatedAt(DateTimeOffset now) => now.ToString("O", CultureInfo.InvariantCulture);
}
