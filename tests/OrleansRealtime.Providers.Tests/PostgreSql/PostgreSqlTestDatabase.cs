using Npgsql;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

/// <summary>
/// The PostgreSQL server that test.sh starts, named by <c>REALTIME_TEST_POSTGRES</c>. Its absence or an
/// unreachable server fails the tests: they never skip. Each test class works in a schema of its own
/// (through <c>Search Path</c>), so classes run in parallel and leave nothing behind.
/// </summary>
public static class PostgreSqlTestDatabase
{
    public const string EnvironmentVariable = "REALTIME_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{EnvironmentVariable} is not set: run the tests through ./test.sh, which starts PostgreSQL and sets it.");

    /// <summary>Creates an empty schema and returns a connection string whose search path selects it.</summary>
    public static async Task<string> CreateSchemaAsync(string schema)
    {
        await ExecuteAsync($"CREATE SCHEMA \"{schema}\";");
        return WithSearchPath(ConnectionString, schema);
    }

    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");

    public static string NewSchemaName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    public static string WithSearchPath(string connectionString, string schema) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        // Schema names are generated above from a Guid, never from input.
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        try
        {
            await using var command = dataSource.CreateCommand(sql);
            await command.ExecuteNonQueryAsync().WithTimeout();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"The test PostgreSQL server named by {EnvironmentVariable} is unreachable or refused the test: {ex.Message}", ex);
        }
    }
}
