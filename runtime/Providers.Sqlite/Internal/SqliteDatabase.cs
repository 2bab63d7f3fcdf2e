using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Providers.Sqlite.Internal;

/// <summary>
/// One provider's view of a SQLite file: opens pooled connections with the busy timeout set, creates the
/// schema (and WAL mode) once, and turns failures of the store into <see cref="GrainStorageException"/>.
/// </summary>
internal sealed partial class SqliteDatabase
{
    private const string SchemaResourcePrefix = "OrleansRealtime.Providers.Sqlite.Schema.";

    private readonly string _connectionString;
    private readonly string _busyTimeoutPragma;
    private readonly SchemaGate _schema;
    private readonly ILogger _logger;

    public SqliteDatabase(SqliteStorageOptions options, ILogger logger)
    {
        SqliteStorageOptionsValidator.ThrowIfInvalid(options);
        _connectionString = options.ConnectionString;

        // PRAGMA takes no parameters; the value is an integer we format ourselves, never caller text.
        _busyTimeoutPragma = "PRAGMA busy_timeout = " + ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + ";";
        _logger = logger;
        _schema = new SchemaGate(CreateSchemaAsync);
    }

    /// <summary>
    /// Runs <paramref name="body"/> on an open connection once the schema exists. Etag conflicts and the
    /// caller's own cancellation pass through; any other failure becomes a <see cref="GrainStorageException"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(string operation, Func<SqliteConnection, Task<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            await _schema.EnsureAsync(cancellationToken);
            await using var connection = await OpenAsync(cancellationToken);
            return await body(connection);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            LogOperationFailed(_logger, operation, ex);
            throw new GrainStorageException($"SQLite storage could not {operation}: {ex.Message}", ex);
        }
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        RunAsync("create its schema", static _ => Task.FromResult(true), cancellationToken);

    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not (InconsistentStateException or GrainStorageException)
        && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = _busyTimeoutPragma;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(_connectionString).DataSource;
        if (!dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            // WAL lets readers run beside the writer; the mode is stored in the file, so this is once per file.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteScalarAsync(cancellationToken);
        }

        // BEGIN IMMEDIATE: two processes creating the schema together take turns instead of failing.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var script in SchemaScripts())
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = script;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogSchemaReady(_logger, dataSource);
    }

    /// <summary>The embedded copies of <c>sql/sqlite/*.sql</c>, in file-name order.</summary>
    internal static IEnumerable<string> SchemaScripts()
    {
        var assembly = typeof(SqliteDatabase).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(SchemaResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "SQLite schema is in place in {DataSource}")]
    private static partial void LogSchemaReady(ILogger logger, string dataSource);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "SQLite storage could not {Operation}")]
    private static partial void LogOperationFailed(ILogger logger, string operation, Exception exception);
}
