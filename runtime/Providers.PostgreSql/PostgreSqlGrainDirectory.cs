using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.PostgreSql.Internal;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>
/// The grain directory of one cluster in the PostgreSQL table <c>grain_directory</c>
/// (<c>sql/postgresql/002_cluster.sql</c>), with the semantics of <see cref="IGrainDirectory"/>. A register is
/// one round trip of up to three statements: with a previous address, <c>UPDATE … WHERE</c> the entry is that
/// address; then <c>INSERT … ON CONFLICT DO NOTHING</c> (the first insert of a grain wins: a concurrent one waits
/// for it and then does nothing); then <c>SELECT</c> the entry, which under read committed sees whichever insert
/// won. The primary key (cluster, grain) is what guarantees one entry per grain. Every operation has the deadline
/// <see cref="PostgreSqlGrainDirectoryOptions.CommandTimeout"/>.
/// </summary>
public sealed class PostgreSqlGrainDirectory : IGrainDirectory
{
    private const string ReplaceSql = """
        UPDATE grain_directory SET silo_address = @silo, activation_id = @activation, registered_at = now()
        WHERE cluster_id = @cluster AND grain_id = @grain AND silo_address = @previous_silo AND activation_id = @previous_activation;
        """;

    private const string InsertSql = """
        INSERT INTO grain_directory (cluster_id, grain_id, silo_address, activation_id)
        VALUES (@cluster, @grain, @silo, @activation)
        ON CONFLICT (cluster_id, grain_id) DO NOTHING;
        """;

    private const string LookupSql =
        "SELECT silo_address, activation_id FROM grain_directory WHERE cluster_id = @cluster AND grain_id = @grain;";

    private const string UnregisterSql =
        "DELETE FROM grain_directory WHERE cluster_id = @cluster AND grain_id = @grain AND silo_address = @silo AND activation_id = @activation;";

    private const string UnregisterSilosSql =
        "DELETE FROM grain_directory WHERE cluster_id = @cluster AND silo_address = ANY(@silos);";

    private readonly PostgreSqlDatabase _database;

    /// <param name="dataSource">The caller's; not disposed here.</param>
    /// <param name="clusterId">The cluster whose entries this directory reads and writes.</param>
    /// <param name="commandTimeout">The deadline of each operation; <see cref="PostgreSqlGrainDirectoryOptions.DefaultCommandTimeout"/> when null.</param>
    public PostgreSqlGrainDirectory(NpgsqlDataSource dataSource, string clusterId, TimeSpan? commandTimeout = null, ILogger<PostgreSqlGrainDirectory>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ClusterId = clusterId;
        _database = new PostgreSqlDatabase(dataSource, logger ?? (ILogger)NullLogger.Instance, "grain directory",
            static (message, inner) => new GrainDirectoryException(message, inner),
            commandTimeout ?? PostgreSqlGrainDirectoryOptions.DefaultCommandTimeout);
    }

    public string ClusterId { get; }

    /// <summary>Creates the tables now rather than on the first call (idempotent; failures throw <see cref="GrainDirectoryException"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync("create its schema", static (_, _) => Task.FromResult(true), cancellationToken);

    public Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? previousAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.GrainId.IsDefault)
        {
            throw new ArgumentException("The address has no grain id.", nameof(address));
        }

        if (previousAddress is not null && previousAddress.GrainId != address.GrainId)
        {
            throw new ArgumentException($"The previous address is of grain {previousAddress.GrainId}, not of {address.GrainId}.", nameof(previousAddress));
        }

        return _database.RunAsync($"register {address}", async (connection, token) =>
        {
            // The entry read back can be gone already (unregistered between the insert and the select); then
            // the grain has no entry and this registration simply tries again, until the deadline.
            while (true)
            {
                await using var batch = new NpgsqlBatch(connection) { Timeout = _database.CommandTimeoutSeconds };
                if (previousAddress is not null)
                {
                    var replace = Statement(ReplaceSql, address);
                    replace.Parameters.Add(new NpgsqlParameter<string>("previous_silo", previousAddress.SiloAddress.ToParsableString()));
                    replace.Parameters.Add(new NpgsqlParameter<Guid>("previous_activation", previousAddress.ActivationId.Value));
                    batch.BatchCommands.Add(replace);
                }

                batch.BatchCommands.Add(Statement(InsertSql, address));
                batch.BatchCommands.Add(Statement(LookupSql, address.GrainId));
                await using var reader = await batch.ExecuteReaderAsync(token);
                if (await ReadAsync(reader, address.GrainId, token) is { } winner)
                {
                    return winner;
                }
            }
        }, cancellationToken);
    }

    public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"look up {grainId}", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(LookupSql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
            AddGrainParameters(command.Parameters, grainId);
            await using var reader = await command.ExecuteReaderAsync(token);
            return await ReadAsync(reader, grainId, token);
        }, cancellationToken);

    public Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _database.RunAsync($"unregister {address}", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(UnregisterSql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
            AddEntryParameters(command.Parameters, address);
            return await command.ExecuteNonQueryAsync(token) > 0;
        }, cancellationToken);
    }

    public Task<int> UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silos);
        if (silos.Count == 0)
        {
            return Task.FromResult(0);
        }

        string[] addresses = [.. silos.Select(s => s.ToParsableString()).Distinct(StringComparer.Ordinal)];
        return _database.RunAsync($"unregister the entries of {string.Join(", ", addresses)}", async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(UnregisterSilosSql, connection) { CommandTimeout = _database.CommandTimeoutSeconds };
            command.Parameters.Add(new NpgsqlParameter<string>("cluster", ClusterId));
            command.Parameters.Add(new NpgsqlParameter<string[]>("silos", addresses));
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    private static async Task<GrainAddress?> ReadAsync(NpgsqlDataReader reader, GrainId grainId, CancellationToken cancellationToken)
    {
        // A batch's statements before the SELECT return no rows; the SELECT's result set is the last one.
        do
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return new GrainAddress
                {
                    GrainId = grainId,
                    SiloAddress = SiloAddress.Parse(reader.GetString(0)),
                    ActivationId = new ActivationId(reader.GetGuid(1)),
                };
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return null;
    }

    private NpgsqlBatchCommand Statement(string sql, GrainAddress address)
    {
        var statement = new NpgsqlBatchCommand(sql);
        AddEntryParameters(statement.Parameters, address);
        return statement;
    }

    private NpgsqlBatchCommand Statement(string sql, GrainId grainId)
    {
        var statement = new NpgsqlBatchCommand(sql);
        AddGrainParameters(statement.Parameters, grainId);
        return statement;
    }

    private void AddGrainParameters(NpgsqlParameterCollection parameters, GrainId grainId)
    {
        parameters.Add(new NpgsqlParameter<string>("cluster", ClusterId));
        parameters.Add(new NpgsqlParameter<string>("grain", grainId.ToString()));
    }

    private void AddEntryParameters(NpgsqlParameterCollection parameters, GrainAddress address)
    {
        AddGrainParameters(parameters, address.GrainId);
        parameters.Add(new NpgsqlParameter<string>("silo", address.SiloAddress.ToParsableString()));
        parameters.Add(new NpgsqlParameter<Guid>("activation", address.ActivationId.Value));
    }
}
