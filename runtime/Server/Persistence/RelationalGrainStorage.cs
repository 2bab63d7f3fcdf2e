using System.Data;
using System.Data.Common;
using System.Globalization;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;

namespace OrleansRealtime.Server.Persistence;

/// <summary>
/// Grain state in the table <c>grain_state</c> of a SQL database (see <c>sql/</c>), shared by the SQLite and
/// PostgreSQL providers. Each write or clear is one compare-and-swap statement (<c>INSERT … ON CONFLICT DO
/// NOTHING</c> when no row is expected, <c>UPDATE … WHERE version = @expected</c> otherwise), so of several
/// writers holding the same etag exactly one succeeds; the others get <see cref="InconsistentStateException"/>
/// with the etag storage holds, read after the failed swap. A subclass supplies connections (turning store
/// failures into <see cref="Abstractions.Exceptions.GrainStorageException"/> and creating the schema) and the
/// few engine-specific parameter values.
/// </summary>
public abstract class RelationalGrainStorage(TimeProvider? timeProvider) : IGrainStorage
{
    private const string ReadSql =
        "SELECT payload, version FROM grain_state WHERE state_name = @state AND grain_id = @grain;";

    private const string VersionSql =
        "SELECT version FROM grain_state WHERE state_name = @state AND grain_id = @grain;";

    private const string InsertSql = """
        INSERT INTO grain_state (state_name, grain_id, grain_type, payload, version, updated_at)
        VALUES (@state, @grain, @type, @payload, 1, @now)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        RETURNING version;
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET payload = @payload, version = version + 1, updated_at = @now
        WHERE state_name = @state AND grain_id = @grain AND version = @expected
        RETURNING version;
        """;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        return RunAsync($"read state '{stateName}' of {grainId}", async connection =>
        {
            await using var command = Command(connection, ReadSql, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            byte[]? payload = await reader.IsDBNullAsync(0, cancellationToken) ? null : reader.GetFieldValue<byte[]>(0);
            return new GrainStateRecord(payload, Format(reader.GetInt64(1)));
        }, cancellationToken);
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        return SwapAsync("write", stateName, grainId, payload.ToArray(), expectedEtag, cancellationToken);
    }

    public Task<string> ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        return SwapAsync("clear", stateName, grainId, null, expectedEtag, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> on an open connection; store failures become <c>GrainStorageException</c>.</summary>
    protected abstract Task<T> RunAsync<T>(string operation, Func<DbConnection, Task<T>> body, CancellationToken cancellationToken);

    /// <summary>The value stored in <c>updated_at</c> (informational only).</summary>
    protected virtual object UpdatedAt(DateTimeOffset now) => now;

    private Task<string> SwapAsync(string verb, string stateName, GrainId grainId, byte[]? payload, string? expectedEtag, CancellationToken cancellationToken) =>
        RunAsync($"{verb} state '{stateName}' of {grainId}", async connection =>
        {
            bool insert = expectedEtag is null;
            long expected = 0;

            // An etag that is not a version this store issued cannot match: it is a conflict, not an error.
            if (insert || long.TryParse(expectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
            {
                await using var command = Command(connection, insert ? InsertSql : UpdateSql, stateName, grainId);
                Add(command, "@payload", (object?)payload ?? DBNull.Value, DbType.Binary);
                Add(command, "@now", UpdatedAt(_time.GetUtcNow()));
                if (insert)
                {
                    Add(command, "@type", grainId.Type);
                }
                else
                {
                    Add(command, "@expected", expected);
                }

                if (await command.ExecuteScalarAsync(cancellationToken) is long version)
                {
                    return Format(version);
                }
            }

            await using var read = Command(connection, VersionSql, stateName, grainId);
            string? stored = await read.ExecuteScalarAsync(cancellationToken) is long current ? Format(current) : null;
            throw new InconsistentStateException(stateName, grainId.ToString(), expectedEtag, stored);
        }, cancellationToken);

    private static DbCommand Command(DbConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@state", stateName);
        Add(command, "@grain", grainId.ToString());
        return command;
    }

    private static void Add(DbCommand command, string name, object value, DbType? type = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (type is { } dbType)
        {
            parameter.DbType = dbType;
        }

        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
