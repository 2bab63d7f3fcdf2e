using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.Sqlite.Internal;

namespace OrleansRealtime.Providers.Sqlite;

/// <summary>
/// Grain state in the SQLite table <c>grain_state</c>. Each write or clear is one compare-and-swap statement
/// (an insert that does nothing when the row exists, or an update guarded by the expected version), so
/// concurrent writers holding the same etag cannot both succeed. The schema is created on first use.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string ReadSql =
        "SELECT payload, version FROM grain_state WHERE state_name = $state AND grain_id = $grain;";

    private const string VersionSql =
        "SELECT version FROM grain_state WHERE state_name = $state AND grain_id = $grain;";

    private const string InsertSql = """
        INSERT INTO grain_state (state_name, grain_id, grain_type, payload, version, updated_at)
        VALUES ($state, $grain, $type, $payload, 1, $now)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        RETURNING version;
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET payload = $payload, version = version + 1, updated_at = $now
        WHERE state_name = $state AND grain_id = $grain AND version = $expected
        RETURNING version;
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteGrainStorage(SqliteStorageOptions options, TimeProvider? timeProvider = null, ILogger<SqliteGrainStorage>? logger = null)
    {
        _database = new SqliteDatabase(options, logger ?? (ILogger)NullLogger.Instance);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates the tables now rather than on the first call (idempotent; failures throw <see cref="Abstractions.Exceptions.GrainStorageException"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(cancellationToken);

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        return _database.RunAsync($"read state '{stateName}' of {grainId}", async connection =>
        {
            await using var command = Command(connection, ReadSql, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            byte[]? payload = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
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

    private Task<string> SwapAsync(string verb, string stateName, GrainId grainId, byte[]? payload, string? expectedEtag, CancellationToken cancellationToken) =>
        _database.RunAsync($"{verb} state '{stateName}' of {grainId}", async connection =>
        {
            bool insert = expectedEtag is null;
            long expected = 0;
            if (insert || TryParse(expectedEtag, out expected))
            {
                await using var command = Command(connection, insert ? InsertSql : UpdateSql, stateName, grainId);
                command.Parameters.Add(new SqliteParameter("$payload", SqliteType.Blob) { Value = (object?)payload ?? DBNull.Value });
                command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                if (insert)
                {
                    command.Parameters.AddWithValue("$type", grainId.Type);
                }
                else
                {
                    command.Parameters.AddWithValue("$expected", expected);
                }

                if (await command.ExecuteScalarAsync(cancellationToken) is long version)
                {
                    return Format(version);
                }
            }

            // Nothing matched: report what storage holds now.
            await using var read = Command(connection, VersionSql, stateName, grainId);
            string? stored = await read.ExecuteScalarAsync(cancellationToken) is long current ? Format(current) : null;
            throw new InconsistentStateException(stateName, grainId.ToString(), expectedEtag, stored);
        }, cancellationToken);

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return command;
    }

    private static bool TryParse(string? etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
