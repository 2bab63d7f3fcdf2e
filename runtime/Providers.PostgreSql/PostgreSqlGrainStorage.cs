using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.PostgreSql.Internal;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Grain state in the PostgreSQL table <c>grain_state</c>. Each write or clear is one compare-and-swap
/// statement (<c>INSERT … ON CONFLICT DO NOTHING</c> when no row is expected, <c>UPDATE … WHERE version =
/// @expected</c> otherwise), so of several silos holding the same etag exactly one succeeds; the others get
/// <see cref="InconsistentStateException"/> with the etag storage holds. The schema is created on first use.
/// The data source belongs to the caller (in a silo, to the service provider).
/// </summary>
public sealed class PostgreSqlGrainStorage : IGrainStorage
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

    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;

    public PostgreSqlGrainStorage(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null, ILogger<PostgreSqlGrainStorage>? logger = null)
    {
        _database = new PostgreSqlDatabase(dataSource, logger ?? (ILogger)NullLogger.Instance);
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

            byte[]? payload = reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0);
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
            if (insert || long.TryParse(expectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
            {
                await using var command = Command(connection, insert ? InsertSql : UpdateSql, stateName, grainId);
                command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Bytea) { Value = (object?)payload ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", _time.GetUtcNow()));
                if (insert)
                {
                    command.Parameters.Add(new NpgsqlParameter<string>("type", grainId.Type));
                }
                else
                {
                    command.Parameters.Add(new NpgsqlParameter<long>("expected", expected));
                }

                if (await command.ExecuteScalarAsync(cancellationToken) is long version)
                {
                    return Format(version);
                }
            }

            // The swap matched nothing: report the etag storage holds now (read after the failed swap, so it
            // is at least as new as the row that beat us).
            await using var read = Command(connection, VersionSql, stateName, grainId);
            string? stored = await read.ExecuteScalarAsync(cancellationToken) is long current ? Format(current) : null;
            throw new InconsistentStateException(stateName, grainId.ToString(), expectedEtag, stored);
        }, cancellationToken);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("state", stateName));
        command.Parameters.Add(new NpgsqlParameter<string>("grain", grainId.ToString()));
        return command;
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
