using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Sqlite;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Server.Tests.Persistence;

public sealed class MemoryGrainStateRestartTests : GrainStateRestartTests
{
    private readonly MemoryGrainStorage _store = new();

    protected override void ConfigureStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage("Default", _store);
}

public sealed class SqliteGrainStateRestartTests : GrainStateRestartTests, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"realtime-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureStorage(ISiloBuilder silo) =>
        silo.AddSqliteGrainStorage("Default", o => o.ConnectionString = $"Data Source={_path}");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

public sealed class PostgreSqlGrainStateRestartTests : GrainStateRestartTests
{
    protected override void ConfigureStorage(ISiloBuilder silo) =>
        silo.AddPostgreSqlGrainStorage("Default", o => o.ConnectionString = PostgresConnection.Required());
}

/// <summary>The test PostgreSQL server started by test.sh. Its absence fails the test; it never skips.</summary>
public static class PostgresConnection
{
    public static string Required() =>
        Environment.GetEnvironmentVariable("REALTIME_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("REALTIME_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");
}
