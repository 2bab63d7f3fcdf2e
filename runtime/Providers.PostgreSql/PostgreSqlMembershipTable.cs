using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.PostgreSql.Internal;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// The membership table of one cluster in the PostgreSQL tables <c>membership_version</c> and <c>membership</c>
/// (<c>sql/postgresql/002_cluster.sql</c>), with the semantics of <see cref="IMembershipTable"/>. An insert or
/// update is one statement in a transaction: a data-modifying CTE swaps the cluster's version row (<c>WHERE etag =
/// @read AND version &lt; @proposed</c>, which also locks it, so membership writers of a cluster queue on it) and
/// the silo's row changes only if that swap did; when the row change does not happen (duplicate, stale row etag,
/// dead row) the transaction rolls back, version included. Etags come from the sequence <c>membership_etags</c>.
/// Every operation has the deadline <see cref="PostgreSqlClusteringOptions.CommandTimeout"/>.
/// </summary>
public sealed class PostgreSqlMembershipTable : IMembershipTable
{
    private static readonly TableVersion Uninitialized = new(0, "0");

    private const string Columns = """
        SELECT v.version, v.etag, m.silo_address, m.silo_name, m.host_name, m.status, m.gateway_port,
               m.suspect_times, m.start_time, m.i_am_alive_time, m.etag
        FROM membership_version v
        """;

    private const string ReadAllSql = Columns + " LEFT JOIN membership m ON m.cluster_id = v.cluster_id WHERE v.cluster_id = @cluster;";

    private const string ReadRowSql = Columns + " LEFT JOIN membership m ON m.cluster_id = v.cluster_id AND m.silo_address = @silo WHERE v.cluster_id = @cluster;";

    private const string InitSql = """
        INSERT INTO membership_version (cluster_id, version, etag) VALUES (@cluster, 0, nextval('membership_etags'))
        ON CONFLICT (cluster_id) DO NOTHING;
        """;

    private const string BumpVersion = """
        WITH bumped AS (
            UPDATE membership_version SET version = @version, etag = nextval('membership_etags'), updated_at = now()
            WHERE cluster_id = @cluster AND etag = @version_etag AND version < @version
            RETURNING cluster_id
        )
        """;

    private const string InsertSql = BumpVersion + """

        INSERT INTO membership (cluster_id, silo_address, silo_name, host_name, status, gateway_port, suspect_times, start_time, i_am_alive_time, etag)
        SELECT cluster_id, @silo, @silo_name, @host_name, @status, @gateway_port, @suspect_times, @start_time, @i_am_alive_time, nextval('membership_etags')
        FROM bumped
        ON CONFLICT (cluster_id, silo_address) DO NOTHING
        RETURNING etag;
        """;

    private const string UpdateSql = BumpVersion + """

        UPDATE membership m SET silo_name = @silo_name, host_name = @host_name, status = @status, gateway_port = @gateway_port,
            suspect_times = @suspect_times, start_time = @start_time, i_am_alive_time = @i_am_alive_time, etag = nextval('membership_etags')
        FROM bumped
        WHERE m.cluster_id = bumped.cluster_id AND m.silo_address = @silo AND m.etag = @etag AND (m.status <> @dead OR @status = @dead)
        RETURNING m.etag;
        """;

    private const string IAmAliveSql = """
        UPDATE membership SET i_am_alive_time = @i_am_alive_time, etag = nextval('membership_etags')
        WHERE cluster_id = @cluster AND silo_address = @silo AND status <> @dead;
        """;

    private const string CleanupSql =
        "DELETE FROM membership WHERE cluster_id = @cluster AND status = @dead AND i_am_alive_time < @before;";

    private const string DeleteSql = """
        DELETE FROM membership WHERE cluster_id = @cluster;
        DELETE FROM membership_version WHERE cluster_id = @cluster;
        """;

    private readonly PostgreSqlDatabase _database;

    /// <param name="dataSource">The caller's; not disposed here.</param>
    /// <param name="clusterId">The cluster whose rows this table reads and writes.</param>
    /// <param name="commandTimeout">The deadline of each operation; <see cref="PostgreSqlClusteringOptions.DefaultCommandTimeout"/> when null.</param>
    public PostgreSqlMembershipTable(NpgsqlDataSource dataSource, string clusterId, TimeSpan? commandTimeout = null, ILogger<PostgreSqlMembershipTable>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ClusterId = clusterId;
        _database = new PostgreSqlDatabase(dataSource, logger ?? (ILogger)NullLogger.Instance, "membership table",
            static (message, inner) => new MembershipTableException(message, inner),
            commandTimeout ?? PostgreSqlClusteringOptions.DefaultCommandTimeout);
    }

    public string ClusterId { get; }

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"initialize the table of cluster '{ClusterId}'", async (connection, token) =>
        {
            if (tryInitTableVersion)
            {
                await using var command = Command(InitSql, connection);
                await command.ExecuteNonQueryAsync(token);
            }

            return true;
        }, cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"read the table of cluster '{ClusterId}'", ReadAllSql, null, cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return ReadAsync($"read the row of {silo} in cluster '{ClusterId}'", ReadRowSql, silo, cancellationToken);
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!TryParseEtag(tableVersion.VersionEtag, out long versionEtag))
        {
            return Task.FromResult(false);
        }

        return SwapAsync($"insert {entry.SiloAddress} at version {tableVersion.Version} in cluster '{ClusterId}'", InsertSql, entry, tableVersion, versionEtag, null, cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!TryParseEtag(tableVersion.VersionEtag, out long versionEtag) || !TryParseEtag(etag, out long rowEtag))
        {
            return Task.FromResult(false);
        }

        return SwapAsync($"update {entry.SiloAddress} to {entry.Status} at version {tableVersion.Version} in cluster '{ClusterId}'", UpdateSql, entry, tableVersion, versionEtag, rowEtag, cancellationToken);
    }

    public Task<bool> UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _database.RunAsync($"write the heartbeat of {entry.SiloAddress} in cluster '{ClusterId}'", async (connection, token) =>
        {
            await using var command = Command(IAmAliveSql, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("silo", entry.SiloAddress.ToParsableString()));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("i_am_alive_time", Microseconds(entry.IAmAliveTime)));
            command.Parameters.Add(new NpgsqlParameter<int>("dead", (int)SiloStatus.Dead));
            return await command.ExecuteNonQueryAsync(token) > 0;
        }, cancellationToken);
    }

    public Task<int> CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"delete the dead silos of cluster '{ClusterId}' older than {beforeDate:O}", async (connection, token) =>
        {
            await using var command = Command(CleanupSql, connection);
            command.Parameters.Add(new NpgsqlParameter<int>("dead", (int)SiloStatus.Dead));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("before", Microseconds(beforeDate)));
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        return _database.RunAsync($"delete the table of cluster '{clusterId}'", async (connection, token) =>
        {
            await using var command = Command(DeleteSql, connection, clusterId);
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    private Task<bool> SwapAsync(string operation, string sql, MembershipEntry entry, TableVersion tableVersion, long versionEtag, long? rowEtag, CancellationToken cancellationToken) =>
        _database.RunAsync(operation, async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            await using var command = Command(sql, connection);
            command.Transaction = transaction;
            command.Parameters.Add(new NpgsqlParameter<int>("version", tableVersion.Version));
            command.Parameters.Add(new NpgsqlParameter<long>("version_etag", versionEtag));
            command.Parameters.Add(new NpgsqlParameter<string>("silo", entry.SiloAddress.ToParsableString()));
            command.Parameters.Add(new NpgsqlParameter<string>("silo_name", entry.SiloName));
            command.Parameters.Add(new NpgsqlParameter<string>("host_name", entry.HostName));
            command.Parameters.Add(new NpgsqlParameter<int>("status", (int)entry.Status));
            command.Parameters.Add(new NpgsqlParameter<int>("gateway_port", entry.GatewayPort));
            command.Parameters.Add(new NpgsqlParameter("suspect_times", NpgsqlTypes.NpgsqlDbType.Text)
            {
                Value = (object?)SuspectTimesFormat.Write([.. entry.SuspectTimes.Select(s => s with { At = Microseconds(s.At) })]) ?? DBNull.Value,
            });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start_time", Microseconds(entry.StartTime)));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("i_am_alive_time", Microseconds(entry.IAmAliveTime)));
            if (rowEtag is { } etag)
            {
                command.Parameters.Add(new NpgsqlParameter<long>("etag", etag));
                command.Parameters.Add(new NpgsqlParameter<int>("dead", (int)SiloStatus.Dead));
            }

            // One row back: the version swap and the row change both happened. None: either did not, and the
            // rollback undoes the version swap if only the row change failed.
            bool written = await command.ExecuteScalarAsync(token) is not null;
            if (written)
            {
                await transaction.CommitAsync(token);
            }
            else
            {
                await transaction.RollbackAsync(token);
            }

            return written;
        }, cancellationToken);

    private Task<MembershipTableData> ReadAsync(string operation, string sql, SiloAddress? silo, CancellationToken cancellationToken) =>
        _database.RunAsync(operation, async (connection, token) =>
        {
            await using var command = Command(sql, connection);
            if (silo is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string>("silo", silo.ToParsableString()));
            }

            await using var reader = await command.ExecuteReaderAsync(token);
            TableVersion? version = null;
            List<(MembershipEntry, string)> members = [];
            while (await reader.ReadAsync(token))
            {
                version ??= new TableVersion(reader.GetInt32(0), Format(reader.GetInt64(1)));
                if (await reader.IsDBNullAsync(2, token))
                {
                    continue; // The version row of a cluster without (that) silo.
                }

                var entry = new MembershipEntry
                {
                    SiloAddress = SiloAddress.Parse(reader.GetString(2)),
                    SiloName = reader.GetString(3),
                    HostName = reader.GetString(4),
                    Status = (SiloStatus)reader.GetInt32(5),
                    GatewayPort = reader.GetInt32(6),
                    SuspectTimes = SuspectTimesFormat.Read(await reader.IsDBNullAsync(7, token) ? null : reader.GetString(7)),
                    StartTime = reader.GetFieldValue<DateTimeOffset>(8),
                    IAmAliveTime = reader.GetFieldValue<DateTimeOffset>(9),
                };
                members.Add((entry, Format(reader.GetInt64(10))));
            }

            return new MembershipTableData(members, version ?? Uninitialized);
        }, cancellationToken);

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, string? clusterId = null)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
        command.Parameters.Add(new NpgsqlParameter<string>("cluster", clusterId ?? ClusterId));
        return command;
    }

    /// <summary>Etags are bigints; a string that is not one matches nothing (and is not worth a round trip).</summary>
    private static bool TryParseEtag(string etag, out long value) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>What timestamptz keeps: microseconds, in UTC (Npgsql refuses other offsets).</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
