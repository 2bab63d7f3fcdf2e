using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.Contracts;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlGrainDirectoryTests(PostgreSqlSchemaFixture database) : GrainDirectoryContractTests, IClassFixture<PostgreSqlSchemaFixture>
{
    private const string Cluster = "directory-contract";

    protected override IGrainDirectory CreateSut() => new PostgreSqlGrainDirectory(database.First, Cluster);

    protected override IGrainDirectory CreateSecondInstanceOnSameStore() => new PostgreSqlGrainDirectory(database.Second, Cluster);

    [Fact]
    public async Task Directories_OfTwoClustersInOneDatabase_DoNotSeeEachOthersEntries()
    {
        var (first, second) = (new PostgreSqlGrainDirectory(database.First, TestTimeouts.NewKey("c")), new PostgreSqlGrainDirectory(database.First, TestTimeouts.NewKey("c")));
        var silo = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 11111), 5);
        var grain = new GrainId("directory-clusters", TestTimeouts.NewKey());
        var mine = new GrainAddress { GrainId = grain, SiloAddress = silo, ActivationId = ActivationId.NewId() };
        var theirs = mine with { ActivationId = ActivationId.NewId() };

        Assert.Equal(mine, await first.RegisterAsync(mine).WithTimeout());
        Assert.Null(await second.LookupAsync(grain).WithTimeout());
        Assert.Equal(theirs, await second.RegisterAsync(theirs).WithTimeout());
        Assert.Equal(1, await second.UnregisterSilosAsync([silo]).WithTimeout());

        Assert.Equal(mine, await first.LookupAsync(grain).WithTimeout());
    }
}
