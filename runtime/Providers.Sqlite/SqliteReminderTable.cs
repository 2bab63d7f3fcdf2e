using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.Sqlite.Internal;

namespace OrleansRealtime.Providers.Sqlite;

/// <summary>
/// Reminder rows in the SQLite table <c>reminders</c>. Every upsert takes its etag from the one-row counter
/// <c>reminder_etags</c> in the same transaction, so etags are never reused: the etag of a removed reminder
/// cannot remove one registered later under the same name. <c>grain_hash</c> holds
/// <see cref="StableHash"/> of the grain id for range reads.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "SELECT grain_id, reminder_name, start_at, period_ms, version FROM reminders";

    private const string NextEtagSql = """
        INSERT INTO reminder_etags (id, last_version) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET last_version = last_version + 1
        RETURNING last_version;
        """;

    private const string UpsertSql = """
        INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, version)
        VALUES ($grain, $name, $hash, $start, $period, $version)
        ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
            grain_hash = excluded.grain_hash,
            start_at = excluded.start_at,
            period_ms = excluded.period_ms,
            version = excluded.version;
        """;

    private const string RemoveSql =
        "DELETE FROM reminders WHERE grain_id = $grain AND reminder_name = $name AND version = $version;";

    private readonly SqliteDatabase _database;

    public SqliteReminderTable(SqliteStorageOptions options, ILogger<SqliteReminderTable>? logger = null)
    {
        _database = new SqliteDatabase(options, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>Creates the tables now rather than on the first call (idempotent; failures throw <see cref="Abstractions.Exceptions.GrainStorageException"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        QueryAsync($"read the reminders of {grainId}", $"{Columns} WHERE grain_id = $grain ORDER BY reminder_name;",
            c => c.Parameters.AddWithValue("$grain", grainId.ToString()), cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        var rows = await QueryAsync($"read reminder '{reminderName}' of {grainId}", $"{Columns} WHERE grain_id = $grain AND reminder_name = $name;",
            c =>
            {
                c.Parameters.AddWithValue("$grain", grainId.ToString());
                c.Parameters.AddWithValue("$name", reminderName);
            },
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken = default)
    {
        // The ring rule of IReminderTable: (begin, end], wrapping when begin > end, everything when equal.
        string where = beginExclusive < endInclusive ? " WHERE grain_hash > $begin AND grain_hash <= $end"
            : beginExclusive > endInclusive ? " WHERE grain_hash > $begin OR grain_hash <= $end"
            : string.Empty;
        return QueryAsync($"read the reminders in hash range ({beginExclusive}, {endInclusive}]", Columns + where + ";",
            c =>
            {
                c.Parameters.AddWithValue("$begin", (long)beginExclusive);
                c.Parameters.AddWithValue("$end", (long)endInclusive);
            },
            cancellationToken);
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName);
        return _database.RunAsync($"write reminder '{entry.ReminderName}' of {entry.GrainId}", async connection =>
        {
            // BEGIN IMMEDIATE: the counter bump and the row write commit together or not at all.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            long version;
            await using (var next = connection.CreateCommand())
            {
                next.Transaction = transaction;
                next.CommandText = NextEtagSql;
                version = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
            }

            await using (var upsert = connection.CreateCommand())
            {
                upsert.Transaction = transaction;
                upsert.CommandText = UpsertSql;
                upsert.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
                upsert.Parameters.AddWithValue("$name", entry.ReminderName);
                upsert.Parameters.AddWithValue("$hash", (long)StableHash.Compute(entry.GrainId));
                upsert.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                upsert.Parameters.AddWithValue("$period", entry.Period.Ticks / TimeSpan.TicksPerMillisecond);
                upsert.Parameters.AddWithValue("$version", version);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
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
            await using var command = connection.CreateCommand();
            command.CommandText = RemoveSql;
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$name", reminderName);
            command.Parameters.AddWithValue("$version", version);
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
    }

    private Task<IReadOnlyList<ReminderEntry>> QueryAsync(string operation, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        _database.RunAsync<IReadOnlyList<ReminderEntry>>(operation, async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            List<ReminderEntry> rows = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }

            return rows;
        }, cancellationToken);

    private static ReminderEntry Read(DbDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
        ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
    };
}
