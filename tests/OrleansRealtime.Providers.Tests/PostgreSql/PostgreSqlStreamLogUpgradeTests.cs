using Npgsql;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

/// <summary>A stream log created before entries carried their publication id gains the column in place and keeps what it held.</summary>
public sealed class PostgreSqlStreamLogUpgradeTests : IAsyncLifetime
{
    private readonly string _schema = PostgreSqlTestDatabase.NewSchemaName("upgrade");
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgreSqlTestDatabase.CreateSchemaAsync(_schema).WithTimeout();

    public Task DisposeAsync() => PostgreSqlTestDatabase.DropSchemaAsync(_schema);

    [Fact]
    public async Task ALogWithoutTheIdColumn_GainsIt_KeepsItsEntries_AndTakesIdsFromThenOn()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE stream_log (
                provider text NOT NULL, stream_namespace text NOT NULL, stream_key text NOT NULL,
                epoch bigint NOT NULL, seq bigint NOT NULL, payload bytea NOT NULL, created_at timestamptz NOT NULL,
                PRIMARY KEY (provider, stream_namespace, stream_key, epoch, seq));
            CREATE TABLE stream_log_head (
                provider text NOT NULL, stream_namespace text NOT NULL, stream_key text NOT NULL,
                epoch bigint NOT NULL, last_seq bigint NOT NULL, trimmed_through bigint NOT NULL DEFAULT 0,
                PRIMARY KEY (provider, stream_namespace, stream_key));
            INSERT INTO stream_log VALUES ('sms', 'user', 'old', 1, 1, '\x0102', now());
            INSERT INTO stream_log_head VALUES ('sms', 'user', 'old', 1, 1, 0);
            """))
        {
            await create.ExecuteNonQueryAsync().WithTimeout();
        }

        var log = new PostgreSqlStreamLog(dataSource);
        await log.EnsureSchemaAsync().WithTimeout();
        var stream = new StreamLogKey("sms", new StreamId("user", "old"));
        await log.AppendAsync(stream, 1, [new StreamLogEntry(2, [3], DateTimeOffset.UtcNow, "second")], 2).WithTimeout();

        var read = await log.ReadAfterAsync(stream, 1, 0, 10).WithTimeout();
        Assert.Equal([1L, 2], read.Entries.Select(e => e.Sequence));
        Assert.Equal([null, "second"], read.Entries.Select(e => e.PublicationId));
        Assert.Equal([new StreamLogId(2, "second")], await log.ReadRecentIdsAsync(stream, 1, 10).WithTimeout());

        // Running the schema again (every process does) changes nothing.
        await using var another = NpgsqlDataSource.Create(_connectionString);
        await new PostgreSqlStreamLog(another).EnsureSchemaAsync().WithTimeout();
        Assert.Equal(2, (await log.ReadAfterAsync(stream, 1, 0, 10).WithTimeout()).Entries.Count);
    }
}
