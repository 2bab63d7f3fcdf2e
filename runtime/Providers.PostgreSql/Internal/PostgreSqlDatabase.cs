using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>
/// One provider's view of a PostgreSQL database: opens connections from the shared data source, creates the
/// schema once (retried after a failure), and turns failures of the store into <see cref="GrainStorageException"/>.
/// </summary>
internal sealed partial class PostgreSqlDatabase
{
    private const string SchemaResourcePrefix = "OrleansRealtime.Providers.PostgreSql.Schema.";

    /// <summary>Serializes schema creation across silos starting together ("ORRTSCHM").</summary>
    private const long SchemaLockKey = 0x4F52_5254_5343_484D;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaGate _schema;
    private readonly ILogger _logger;

    public PostgreSqlDatabase(NpgsqlDataSource dataSource, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _logger = logger;
        _schema = new SchemaGate(CreateSchemaAsync);
    }

    /// <summary>
    /// Runs <paramref name="body"/> on an open connection once the schema exists. Etag conflicts and the
    /// caller's own cancellation pass through; any other failure becomes a <see cref="GrainStorageException"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            await _schema.EnsureAsync(cancellationToken);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await body(connection);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            LogOperationFailed(_logger, operation, ex);
            throw new GrainStorageException($"PostgreSQL storage could not {operation}: {ex.Message}", ex);
        }
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        RunAsync("create its schema", static _ => Task.FromResult(true), cancellationToken);

    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not (InconsistentStateException or GrainStorageException)
        && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunSchemaScriptsAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject)
        {
            // Someone created the tables beside us without the advisory lock (a DBA running the file by
            // hand): IF NOT EXISTS can race inside the catalog. They exist now, so once more is a no-op.
            await RunSchemaScriptsAsync(cancellationToken);
        }
    }

    private async Task RunSchemaScriptsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var advisoryLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            advisoryLock.Parameters.AddWithValue("key", SchemaLockKey);
            await advisoryLock.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var script in SchemaScripts())
        {
            await using var command = new NpgsqlCommand(script, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogSchemaReady(_logger, connection.Host ?? string.Empty, connection.Database);
    }

    /// <summary>The embedded copies of <c>sql/postgresql/*.sql</c>, in file-name order.</summary>
    internal static IEnumerable<string> SchemaScripts()
    {
        var assembly = typeof(PostgreSqlDatabase).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(SchemaResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "PostgreSQL schema is in place in database {Database} on {Host}")]
    private static partial void LogSchemaReady(ILogger logger, string host, string database);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "PostgreSQL storage could not {Operation}")]
    private static partial void LogOperationFailed(ILogger logger, string operation, Exception exception);
}
