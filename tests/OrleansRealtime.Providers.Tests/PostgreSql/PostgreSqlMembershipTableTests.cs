using Npgsql;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.Contracts;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlMembershipTableTests(PostgreSqlSchemaFixture database) : MembershipTableContractTests, IClassFixture<PostgreSqlSchemaFixture>
{
    protected override IMembershipTable CreateSut(string clusterId) => new PostgreSqlMembershipTable(database.First, clusterId);

    protected override IMembershipTable CreateSecondInstanceOnSameStore(string clusterId) => new PostgreSqlMembershipTable(database.Second, clusterId);

    [Fact]
    public async Task TheShippedSchemaFiles_AppliedTwiceByHand_ThenByTheProvider_ChangeNothing()
    {
        var schema = PostgreSqlTestDatabase.NewSchemaName("cluster_dba");
        var connectionString = await PostgreSqlTestDatabase.CreateSchemaAsync(schema).WithTimeout();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            foreach (var file in new[] { "001_runtime.sql", "002_cluster.sql", "001_runtime.sql", "002_cluster.sql" })
            {
                var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sql", "postgresql", file)).WithTimeout();
                await using var command = dataSource.CreateCommand(script);
                await command.ExecuteNonQueryAsync().WithTimeout();
            }

            var table = new PostgreSqlMembershipTable(dataSource, NewClusterId());
            await table.InitializeMembershipTableAsync(true).WithTimeout();
            await InsertAsync(table, Entry(Silo(1)));
            await new PostgreSqlGrainDirectory(dataSource, "c").EnsureSchemaAsync().WithTimeout();

            Assert.Single((await table.ReadAllAsync().WithTimeout()).Members);
        }
        finally
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(schema).WithTimeout();
        }
    }

    [Fact]
    public async Task SilosStartingTogether_OnAnEmptySchema_AllInitializeAndOneInsertPerVersionWins()
    {
        var schema = PostgreSqlTestDatabase.NewSchemaName("cluster_race");
        var connectionString = await PostgreSqlTestDatabase.CreateSchemaAsync(schema).WithTimeout();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            string cluster = NewClusterId();
            var silos = Enumerable.Range(1, 6).Select(_ => new PostgreSqlMembershipTable(dataSource, cluster)).ToArray();

            await Task.WhenAll(silos.Select(s => s.InitializeMembershipTableAsync(true))).WithTimeout();
            // Each silo joins the way a membership agent would: read, insert with the next version, retry on a lost race.
            await Task.WhenAll(silos.Select(async (table, i) =>
            {
                while (true)
                {
                    var read = await table.ReadAllAsync();
                    if (await table.InsertRowAsync(Entry(Silo(i + 1)), read.Version.Next()))
                    {
                        return;
                    }
                }
            })).WithTimeout();

            var all = await silos[0].ReadAllAsync().WithTimeout();
            Assert.Equal(6, all.Members.Count);
            Assert.Equal(6, all.Version.Version);
        }
        finally
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(schema).WithTimeout();
        }
    }
}
