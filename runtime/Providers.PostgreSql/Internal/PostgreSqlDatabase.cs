using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>
/// One provider's view of a PostgreSQL database: opens connections from the shared data source, creates the
/// schema once (retried after a failure), bounds every operation by an optional deadline, and turns failures
/// of the store into the provider's exception type (<see cref="GrainStorageException"/> unless told otherwise).
/// </summary>
internal sealed partial class PostgreSqlDatabase
{
    private const string SchemaResourcePrefix = "OrleansRealtime.Providers.PostgreSql.Schema.";

    /// <summary>Serializes schema creation across silos starting together ("ORRTSCHM").</summary>
    private const long SchemaLockKey = 0x4F52_5254_5343_484D;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaGate _schema;
    private readonly ILogger _logger;
    private readonly string _component;
    private readonly Func<string, Exception, RealtimeException> _failure;

    /// <param name="dataSource">The caller's; not disposed here.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="component">What the messages call the provider ("storage", "membership table", ...).</param>
    /// <param name="failure">Makes the exception thrown for a failure of the store (message, cause).</param>
    /// <param name="timeout">
    /// The deadline of each whole operation: schema creation on first use, opening the connection, every
    /// command. Past it the operation is cancelled and fails with a <see cref="TimeoutException"/> inside the
    /// provider's exception. Null: only Npgsql's own timeouts apply.
    /// </param>
    public PostgreSqlDatabase(NpgsqlDataSource dataSource, ILogger logger, string component = "storage", Func<string, Exception, RealtimeException>? failure = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (timeout is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(timeout));
        }

        _dataSource = dataSource;
        _logger = logger;
        _component = component;
        _failure = failure ?? ((message, inner) => new GrainStorageException(message, inner));
        Timeout = timeout;
        _schema = new SchemaGate(CreateSchemaAsync);
    }

    public TimeSpan? Timeout { get; }

    /// <summary>Whole seconds for <see cref="NpgsqlCommand.CommandTimeout"/>: the deadline rounded up, or Npgsql's default.</summary>
    public int CommandTimeoutSeconds => Timeout is { } t ? (int)Math.Ceiling(t.TotalSeconds) : 30;

    /// <summary>
    /// Runs <paramref name="body"/> on an open connection once the schema exists. Etag conflicts (any
    /// <see cref="RealtimeException"/>) and the caller's own cancellation pass through; any other failure becomes
    /// the provider's exception.
    /// </summary>
    public Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> body, CancellationToken cancellationToken) =>
        RunAsync(operation, (connection, _) => body(connection), cancellationToken);

    /// <summary>
    /// As above, under the deadline: <paramref name="body"/> gets the token to pass to every call it makes,
    /// which is cancelled at the deadline or by the caller.
    /// </summary>
    /// <remarks>
    /// The deadline is enforced here, not left to Npgsql: when the server stops answering (a dead host, a
    /// dropped route), Npgsql's cancellation sends a cancel request down the same dead path and can wait for its
    /// connect timeout, far past the deadline. So at the deadline the caller gets its exception, and the attempt
    /// is left to finish in the background (its token is cancelled; Npgsql's own timeouts end it, and its
    /// connection is disposed then). A write abandoned so may still commit: the outcome is unknown.
    /// </remarks>
    public async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        if (Timeout is not { } timeout)
        {
            return await AttemptAsync(operation, body, cancellationToken, null, cancellationToken);
        }

        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var attempt = AttemptAsync(operation, body, deadline.Token, deadline, cancellationToken);
        try
        {
            return await attempt.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            // Only WaitAsync throws this: the attempt turns every failure into the provider's exception.
            LogOperationFailed(_logger, _component, operation, ex);
            throw _failure($"PostgreSQL {_component} could not {operation}: no answer within {timeout}.", new TimeoutException($"No answer from PostgreSQL within {timeout}.", ex));
        }
        finally
        {
            if (attempt.IsCompleted)
            {
                deadline.Dispose();
            }
            else
            {
                // Abandoned: observe its outcome (already logged or irrelevant) and free the deadline after it.
                _ = attempt.ContinueWith(static (done, state) => { _ = done.Exception; ((IDisposable)state!).Dispose(); }, deadline, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<T> AttemptAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> body, CancellationToken token, CancellationTokenSource? deadline, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSchemaOnceAsync(token);
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            return await body(connection, token);
        }
        catch (Exception ex) when (ex is not RealtimeException && deadline is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            // Npgsql reports a cancelled command as OperationCanceledException, or as NpgsqlException when it had
            // to break the connection (the server did not confirm the cancellation): both mean "no answer in time".
            var timedOut = new TimeoutException($"No answer from PostgreSQL within {Timeout}.", ex);
            LogOperationFailed(_logger, _component, operation, timedOut);
            throw _failure($"PostgreSQL {_component} could not {operation}: no answer within {Timeout} ({ex.Message}).", timedOut);
        }
        catch (Exception ex) when (ex is not (RealtimeException or OperationCanceledException) && cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled, and Npgsql broke the connection instead of confirming the cancellation.
            throw new OperationCanceledException($"Cancelled: PostgreSQL {_component} did not {operation}.", ex, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            LogOperationFailed(_logger, _component, operation, ex);
            throw _failure($"PostgreSQL {_component} could not {operation}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Waits for the schema. Concurrent callers share one attempt, run under the token of whoever started it; when
    /// that caller's deadline cancelled it, the others try again themselves instead of failing with its cancellation.
    /// </summary>
    private async Task EnsureSchemaOnceAsync(CancellationToken token)
    {
        while (true)
        {
            try
            {
                await _schema.EnsureAsync(token);
                return;
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
            }
        }
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        RunAsync("create its schema", static _ => Task.FromResult(true), cancellationToken);

    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not RealtimeException
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

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "PostgreSQL {Component} could not {Operation}")]
    private static partial void LogOperationFailed(ILogger logger, string component, string operation, Exception exception);
}
