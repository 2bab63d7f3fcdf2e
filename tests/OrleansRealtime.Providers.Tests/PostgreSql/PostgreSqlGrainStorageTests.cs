using Npgsql;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.Contracts;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlGrainStorageTests(PostgreSqlSchemaFixture database) : GrainStorageContractTests, IClassFixture<PostgreSqlSchemaFixture>
{
    protected override IGrainStorage CreateSut() => new PostgreSqlGrainStorage(database.First);

    protected override IGrainStorage CreateSecondInstanceOnSameStore() => new PostgreSqlGrainStorage(database.Second);

    protected override async Task CreateSchemaTwiceAsync()
    {
        // As a DBA would: the shipped file, twice, on a plain connection.
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sql", "postgresql", "001_runtime.sql")).WithTimeout();
        await using (var connection = await database.First.OpenConnectionAsync().WithTimeout())
        {
            for (int i = 0; i < 2; i++)
            {
                await using var command = new NpgsqlCommand(script, connection);
                await command.ExecuteNonQueryAsync().WithTimeout();
            }
        }

        // As silos would: each provider instance creates it once.
        await new PostgreSqlGrainStorage(database.First).EnsureSchemaAsync().WithTimeout();
        await new PostgreSqlGrainStorage(database.Second).EnsureSchemaAsync().WithTimeout();
    }

    [Fact]
    public async Task SilosStartingTogether_OnAnEmptySchema_AllCreateItWithoutErrors()
    {
        var schema = PostgreSqlTestDatabase.NewSchemaName("race");
        var connectionString = await PostgreSqlTestDatabase.CreateSchemaAsync(schema).WithTimeout();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var silos = Enumerable.Range(0, 8).Select(_ => new PostgreSqlGrainStorage(dataSource)).ToArray();

            var etags = await Task.WhenAll(silos.Select((s, i) => s.WriteAsync($"state-{i}", NewGrainId(), new byte[] { 1 }, null))).WithTimeout();

            Assert.All(etags, e => Assert.Equal("1", e));
        }
        finally
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(schema).WithTimeout();
        }
    }
}
