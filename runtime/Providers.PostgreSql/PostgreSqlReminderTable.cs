using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.PostgreSql.Internal;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// Reminder rows in the PostgreSQL table <c>reminders</c>. Every upsert (one <c>INSERT … ON CONFLICT DO
/// UPDATE</c>) takes its etag from the sequence <c>reminder_etags</c>, so etags are never reused: the etag of
/// a removed reminder cannot remove one registered later under the same name. Removal is one
/// <c>DELETE … WHERE version = @version</c>. <c>grain_hash</c> holds <see cref="StableHash"/> of the grain id
/// as a bigint, indexed for range reads.
/// </summary>
public sealed class PostgreSqlReminderTable : IReminderTable
{
    private const string Columns = "SELECT grain_id, reminder_name, start_at, period_ms, version FROM reminders";

    private const string UpsertSql = """
        INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, version)
        VALUES (@grain, @name, @hash, @start, @period, nextval('reminder_etags'))
        ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
            grain_hash = excluded.grain_hash,
            start_at = excluded.start_at,
            period_ms = excluded.period_ms,
            version = excluded.version
        RETURNING version;
        """;

    private const string RemoveSql =
        "DELETE FROM reminders WHERE grain_id = @grain AND reminder_name = @name AND version = @version;";

    private readonly PostgreSqlDatabase _database;

    public PostgreSqlReminderTable(NpgsqlDataSource dataSource, ILogger<PostgreSqlReminderTable>? logger = null)
    {
        _database = new PostgreSqlDatabase(dataSource, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>Creates the tables now rather than on the first call (idempotent; failures throw <see cref="Abstractions.Exceptions.GrainStorageException"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        QueryAsync($"read the reminders of {grainId}", $"{Columns} WHERE grain_id = @grain ORDER BY reminder_name;",
            c => c.Parameters.Add(new NpgsqlParameter<string>("grain", grainId.ToString())), cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        var rows = await QueryAsync($"read reminder '{reminderName}' of {grainId}", $"{Columns} WHERE grain_id = @grain AND reminder_name = @name;",
            c =>
            {
                c.Parameters.Add(new NpgsqlParameter<string>("grain", grainId.ToString()));
                c.Parameters.Add(new NpgsqlParameter<string>("name", reminderName));
            },
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken = default)
    {
        // The ring rule of IReminderTable: (begin, end], wrapping when begin > end, everything when equal.
        string where = beginExclusive < endInclusive ? " WHERE grain_hash > @begin AND grain_hash <= @end"
            : beginExclusive > endInclusive ? " WHERE grain_hash > @begin OR grain_hash <= @end"
            : string.Empty;
        return QueryAsync($"read the reminders in hash range ({beginExclusive}, {endInclusive}]", Columns + where + ";",
            c =>
            {
                c.Parameters.Add(new NpgsqlParameter<long>("begin", beginExclusive));
                c.Parameters.Add(new NpgsqlParameter<long>("end", endInclusive));
            },
            cancellationToken);
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName);
        return _database.RunAsync($"write reminder '{entry.ReminderName}' of {entry.GrainId}", async connection =>
        {
            await using var command = new NpgsqlCommand(UpsertSql, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("grain", entry.GrainId.ToString()));
            command.Parameters.Add(new NpgsqlParameter<string>("name", entry.ReminderName));
            command.Parameters.Add(new NpgsqlParameter<long>("hash", StableHash.Compute(entry.GrainId)));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", entry.StartAt.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<long>("period", entry.Period.Ticks / TimeSpan.TicksPerMillisecond));
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return version.ToString(CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out long version))
        {
            return Task.FromResult(false);
        }

        return _database.RunAsync($"remove reminder '{reminderName}' of {grainId}", async connection =>
        {
            await using var command = new NpgsqlCommand(RemoveSql, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("grain", grainId.ToString()));
            command.Parameters.Add(new NpgsqlParameter<string>("name", reminderName));
            command.Parameters.Add(new NpgsqlParameter<long>("version", version));
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
    }

    private Task<IReadOnlyList<ReminderEntry>> QueryAsync(string operation, string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        _database.RunAsync<IReadOnlyList<ReminderEntry>>(operation, async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            List<ReminderEntry> rows = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0)),
                    ReminderName = reader.GetString(1),
                    StartAt = reader.GetFieldValue<DateTimeOffset>(2),
                    Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                    ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
                });
            }

            return rows;
        }, cancellationToken);
}
