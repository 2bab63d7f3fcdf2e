using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.PostgreSql.Internal;
using OrleansRealtime.Server.Streams;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// A stream log in the PostgreSQL tables <c>stream_log_head</c> and <c>stream_log</c>
/// (<c>sql/postgresql/003_stream_log.sql</c>), with the semantics of <see cref="IStreamLog"/>. An append is one
/// statement, so one round trip and atomic: it looks for a different payload at a taken position, moves the
/// head (an upsert that refuses an older epoch, and locks the stream's head row, so appends of one stream
/// queue), and inserts the entries from arrays (<c>ON CONFLICT DO NOTHING</c>: a retried entry is a no-op).
/// A read is one round trip of two statements, the entries first and then the head, so a trim between them
/// can only make the read report itself incomplete. Every operation has the deadline
/// <see cref="PostgreSqlStreamLogOptions.CommandTimeout"/>.
/// </summary>
public sealed class PostgreSqlStreamLog : IStreamLog
{
    private const string Key = "provider = @provider AND stream_namespace = @namespace AND stream_key = @key";

    private const string AppendSql = $"""
        WITH input AS (
            SELECT * FROM unnest(@seqs, @payloads, @times, @ids) AS i(seq, payload, created_at, publication_id)
        ), conflict AS (
            SELECT l.seq FROM stream_log l JOIN input i ON l.seq = i.seq
            WHERE l.provider = @provider AND l.stream_namespace = @namespace AND l.stream_key = @key AND l.epoch = @epoch AND l.payload <> i.payload
            LIMIT 1
        ), head AS (
            INSERT INTO stream_log_head AS h (provider, stream_namespace, stream_key, epoch, last_seq, trimmed_through)
            SELECT @provider, @namespace, @key, @epoch, @head, 0 WHERE NOT EXISTS (SELECT 1 FROM conflict)
            ON CONFLICT (provider, stream_namespace, stream_key) DO UPDATE SET
                last_seq = CASE WHEN h.epoch = excluded.epoch THEN GREATEST(h.last_seq, excluded.last_seq) ELSE excluded.last_seq END,
                trimmed_through = CASE WHEN h.epoch = excluded.epoch THEN h.trimmed_through ELSE 0 END,
                epoch = excluded.epoch
            WHERE h.epoch <= excluded.epoch
            RETURNING 1
        ), inserted AS (
            INSERT INTO stream_log (provider, stream_namespace, stream_key, epoch, seq, payload, created_at, publication_id)
            SELECT @provider, @namespace, @key, @epoch, i.seq, i.payload, i.created_at, i.publication_id FROM input i
            WHERE EXISTS (SELECT 1 FROM head)
            ON CONFLICT DO NOTHING
            RETURNING 1
        )
        SELECT (SELECT seq FROM conflict), EXISTS (SELECT 1 FROM head), (SELECT count(*) FROM inserted),
               (SELECT epoch FROM stream_log_head WHERE {Key});
        """;

    private const string HeadSql = $"SELECT epoch, last_seq, trimmed_through FROM stream_log_head WHERE {Key};";

    private const string EntriesSql =
        $"SELECT seq, payload, created_at, publication_id FROM stream_log WHERE {Key} AND epoch = @epoch AND seq > @after ORDER BY seq LIMIT @max;";

    // Newest first, so the primary key's index is read backwards from the head and stops after @max rows. Only of the
    // head epoch: an older epoch's entries wait for the next trim but are dead, as its reads say (incomplete).
    private const string RecentIdsSql = $"""
        SELECT seq, publication_id FROM stream_log
        WHERE {Key} AND epoch = @epoch AND publication_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM stream_log_head h
                      WHERE h.provider = @provider AND h.stream_namespace = @namespace AND h.stream_key = @key AND h.epoch = @epoch)
        ORDER BY seq DESC LIMIT @max;
        """;

    // Everything up to the highest entry that is too old or beyond the newest @keep goes, so that "every entry
    // above trimmed_through is held" stays true even when timestamps are not in sequence order.
    private const string TrimSql = $"""
        WITH head AS (
            SELECT epoch FROM stream_log_head WHERE {Key} FOR UPDATE
        ), own AS (
            SELECT l.epoch, l.seq, l.created_at FROM stream_log l
            WHERE l.provider = @provider AND l.stream_namespace = @namespace AND l.stream_key = @key
        ), bound AS (
            SELECT GREATEST(
                (SELECT max(o.seq) FROM own o, head WHERE o.epoch = head.epoch AND o.created_at < @older),
                (SELECT o.seq FROM own o, head WHERE o.epoch = head.epoch AND @keep IS NOT NULL ORDER BY o.seq DESC OFFSET @keep LIMIT 1)) AS seq
        ), doomed AS (
            DELETE FROM stream_log l USING head, bound
            WHERE l.provider = @provider AND l.stream_namespace = @namespace AND l.stream_key = @key
              AND (l.epoch < head.epoch OR (l.epoch = head.epoch AND l.seq <= bound.seq))
            RETURNING 1
        ), moved AS (
            UPDATE stream_log_head h SET trimmed_through = GREATEST(h.trimmed_through, bound.seq)
            FROM bound
            WHERE h.provider = @provider AND h.stream_namespace = @namespace AND h.stream_key = @key AND bound.seq IS NOT NULL
            RETURNING 1
        )
        SELECT count(*) FROM doomed;
        """;

    private readonly PostgreSqlDatabase _database;

    /// <param name="dataSource">The caller's; not disposed here.</param>
    /// <param name="commandTimeout">The deadline of each operation; <see cref="PostgreSqlStreamLogOptions.DefaultCommandTimeout"/> when null.</param>
    public PostgreSqlStreamLog(NpgsqlDataSource dataSource, TimeSpan? commandTimeout = null, ILogger<PostgreSqlStreamLog>? logger = null)
    {
        _database = new PostgreSqlDatabase(dataSource, logger ?? (ILogger)NullLogger.Instance, "stream log",
            static (message, inner) => new StreamLogException(message, inner),
            commandTimeout ?? PostgreSqlStreamLogOptions.DefaultCommandTimeout);
    }

    /// <summary>Creates the tables now rather than on the first call (idempotent; failures throw <see cref="StreamLogException"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(cancellationToken);

    public Task AppendAsync(StreamLogKey stream, long epoch, IReadOnlyList<StreamLogEntry> entries, long headSequence, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateAppend(stream, epoch, entries, headSequence);
        return _database.RunAsync($"append {entries.Count} items to {stream}", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(AppendSql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
            AddKey(command.Parameters, stream);
            command.Parameters.Add(new NpgsqlParameter<long>("epoch", epoch));
            command.Parameters.Add(new NpgsqlParameter<long>("head", headSequence));
            command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. entries.Select(e => e.Sequence)]));
            command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", [.. entries.Select(e => e.Payload)]));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("times", [.. entries.Select(e => e.Timestamp.ToUniversalTime())]));
            command.Parameters.Add(new NpgsqlParameter<string?[]>("ids", [.. entries.Select(e => e.PublicationId)]));
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            if (!reader.IsDBNull(0))
            {
                throw StreamLogArguments.Conflict(stream, epoch, reader.GetInt64(0));
            }

            if (!reader.GetBoolean(1))
            {
                throw StreamLogArguments.StaleEpoch(stream, epoch, reader.GetInt64(3));
            }

            return true;
        }, cancellationToken);
    }

    public Task<StreamLogHead?> ReadHeadAsync(StreamLogKey stream, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"read the head of {stream}", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(HeadSql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
            AddKey(command.Parameters, stream);
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token) ? new StreamLogHead(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
        }, cancellationToken);

    public Task<StreamLogRead> ReadAfterAsync(StreamLogKey stream, long epoch, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateRead(afterSequence, maxCount);
        return _database.RunAsync($"read {stream} after {afterSequence}", async (connection, token) =>
        {
            await using var batch = new NpgsqlBatch(connection) { Timeout = _database.CommandTimeoutSeconds };
            var entries = new NpgsqlBatchCommand(EntriesSql);
            AddKey(entries.Parameters, stream);
            entries.Parameters.Add(new NpgsqlParameter<long>("epoch", epoch));
            entries.Parameters.Add(new NpgsqlParameter<long>("after", afterSequence));
            entries.Parameters.Add(new NpgsqlParameter<int>("max", maxCount));
            var head = new NpgsqlBatchCommand(HeadSql);
            AddKey(head.Parameters, stream);
            batch.BatchCommands.Add(entries);
            batch.BatchCommands.Add(head);
            await using var reader = await batch.ExecuteReaderAsync(token);
            var read = new List<StreamLogEntry>();
            while (await reader.ReadAsync(token))
            {
                read.Add(new StreamLogEntry(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<DateTimeOffset>(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            await reader.NextResultAsync(token);
            bool complete = await reader.ReadAsync(token) && reader.GetInt64(0) == epoch && afterSequence >= reader.GetInt64(2);
            return complete ? new StreamLogRead(read, IsComplete: true) : new StreamLogRead([], IsComplete: false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StreamLogId>> ReadRecentIdsAsync(StreamLogKey stream, long epoch, int maxCount, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateRead(0, maxCount);
        return _database.RunAsync<IReadOnlyList<StreamLogId>>($"read the recent ids of {stream}", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(RecentIdsSql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
            AddKey(command.Parameters, stream);
            command.Parameters.Add(new NpgsqlParameter<long>("epoch", epoch));
            command.Parameters.Add(new NpgsqlParameter<int>("max", maxCount));
            await using var reader = await command.ExecuteReaderAsync(token);
            var newestFirst = new List<StreamLogId>();
            while (await reader.ReadAsync(token))
            {
                newestFirst.Add(new StreamLogId(reader.GetInt64(0), reader.GetString(1)));
            }

            newestFirst.Reverse();
            return newestFirst;
        }, cancellationToken);
    }

    public Task<int> TrimAsync(StreamLogKey stream, DateTimeOffset? olderThan, int? keepLast, CancellationToken cancellationToken = default)
    {
        StreamLogArguments.ValidateTrim(keepLast);
        return _database.RunAsync($"trim {stream}", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(TrimSql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
            AddKey(command.Parameters, stream);
            command.Parameters.Add(new NpgsqlParameter("older", NpgsqlDbType.TimestampTz) { Value = olderThan is { } t ? t.ToUniversalTime() : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("keep", NpgsqlDbType.Integer) { Value = keepLast is { } k ? k : DBNull.Value });
            return Convert.ToInt32(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    private static void AddKey(NpgsqlParameterCollection parameters, StreamLogKey stream)
    {
        parameters.Add(new NpgsqlParameter<string>("provider", stream.Provider));
        parameters.Add(new NpgsqlParameter<string>("namespace", stream.Stream.Namespace));
        parameters.Add(new NpgsqlParameter<string>("key", stream.Stream.Key));
    }
}
