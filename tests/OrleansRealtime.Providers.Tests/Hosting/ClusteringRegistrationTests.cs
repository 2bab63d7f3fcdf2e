using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.PostgreSql.Internal;
using OrleansRealtime.Providers.Tests.PostgreSql;
using OrleansRealtime.Providers.Tests.TestSupport;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Providers.Tests.Hosting;

public sealed class ClusteringRegistrationTests
{
    private static (HostApplicationBuilder Host, TestSiloBuilder Silo) Builder(Dictionary<string, string?>? configuration = null)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Configuration.AddInMemoryCollection(configuration ?? []);
        host.Services.Configure<SiloOptions>(host.Configuration.GetSection(SiloOptions.SectionName));
        return (host, new TestSiloBuilder(host.Services, host.Configuration));
    }

    [Fact]
    public async Task MemoryClustering_UsesTheGivenStore_ForTheSilosCluster()
    {
        var (host, silo) = Builder(new() { ["Realtime:Silo:ClusterId"] = "blue" });
        var (store, directory) = (new MemoryMembershipTable(), new MemoryGrainDirectory());

        silo.UseInMemoryClustering(store).AddMemoryGrainDirectory(directory);
        await using var services = host.Services.BuildServiceProvider();

        var table = Assert.IsType<MemoryMembershipTable>(services.GetRequiredService<IMembershipTable>());
        Assert.Equal("blue", table.ClusterId);
        await table.InitializeMembershipTableAsync(true).WithTimeout();
        Assert.Equal(0, (await store.ForCluster("blue").ReadAllAsync().WithTimeout()).Version.Version);
        Assert.Same(directory, services.GetRequiredService<IGrainDirectory>());
    }

    [Fact]
    public async Task PostgreSqlClustering_WithoutAnyConnectionString_FailsAtStartNamingBothKeys()
    {
        var (host, silo) = Builder();
        silo.UsePostgreSqlClustering().AddPostgreSqlGrainDirectory();
        using var app = host.Build();

        var failure = await Assert.ThrowsAsync<AggregateException>(() => app.StartAsync()).WithTimeout();

        Assert.Contains("membership table: Realtime:Clustering:PostgreSql:ConnectionString (or Realtime:Storage:PostgreSql:ConnectionString) must be set", failure.Message);
        Assert.Contains("grain directory: Realtime:GrainDirectory:PostgreSql:ConnectionString (or Realtime:Storage:PostgreSql:ConnectionString) must be set", failure.Message);
    }

    [Fact]
    public async Task PostgreSqlClustering_WithANonPositiveCommandTimeout_FailsAtStartNamingIt()
    {
        var (host, silo) = Builder(new()
        {
            ["Realtime:Storage:PostgreSql:ConnectionString"] = "Host=localhost;Database=x",
            ["Realtime:Clustering:PostgreSql:CommandTimeout"] = "00:00:00",
        });
        silo.UsePostgreSqlClustering();
        using var app = host.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync()).WithTimeout();

        Assert.Contains("membership table: Realtime:Clustering:PostgreSql:CommandTimeout must be a positive duration, but is 00:00:00.", failure.Message);
    }

    [Fact]
    public async Task PostgreSqlClustering_BindsItsSections_FallsBackToTheStorageConnectionString_AndSharesOneDataSource()
    {
        var schema = PostgreSqlTestDatabase.NewSchemaName("clustering_hosting");
        var connectionString = await PostgreSqlTestDatabase.CreateSchemaAsync(schema).WithTimeout();
        try
        {
            var (host, silo) = Builder(new()
            {
                ["Realtime:Silo:ClusterId"] = "green",
                ["Realtime:Storage:PostgreSql:ConnectionString"] = connectionString,
                ["Realtime:Clustering:PostgreSql:CommandTimeout"] = "00:00:07",
            });
            silo.UsePostgreSqlClustering().AddPostgreSqlGrainDirectory(o => o.CommandTimeout = TimeSpan.FromSeconds(3));
            using var app = host.Build();
            await app.StartAsync().WithTimeout();

            var table = Assert.IsType<PostgreSqlMembershipTable>(app.Services.GetRequiredService<IMembershipTable>());
            var directory = Assert.IsType<PostgreSqlGrainDirectory>(app.Services.GetRequiredService<IGrainDirectory>());
            Assert.Equal("green", table.ClusterId);
            Assert.Equal("green", directory.ClusterId);
            Assert.Equal(TimeSpan.FromSeconds(7), app.Services.GetRequiredService<IOptions<PostgreSqlClusteringOptions>>().Value.CommandTimeout);
            Assert.Equal(TimeSpan.FromSeconds(3), app.Services.GetRequiredService<IOptions<PostgreSqlGrainDirectoryOptions>>().Value.CommandTimeout);
            Assert.Equal(connectionString, app.Services.GetRequiredService<IOptions<PostgreSqlGrainDirectoryOptions>>().Value.ConnectionString);
            await table.InitializeMembershipTableAsync(true).WithTimeout();
            Assert.Equal(0, (await table.ReadAllAsync().WithTimeout()).Version.Version);
            Assert.Equal(1, app.Services.GetRequiredService<PostgreSqlDataSources>().Count);
            await app.StopAsync().WithTimeout();
        }
        finally
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(schema).WithTimeout();
        }
    }

    [Fact]
    public async Task PostgreSqlClustering_AnExplicitConnectionString_WinsOverTheStorageOne()
    {
        var (host, silo) = Builder(new()
        {
            ["Realtime:Storage:PostgreSql:ConnectionString"] = "Host=storage;Database=x",
            ["Realtime:Clustering:PostgreSql:ConnectionString"] = "Host=membership;Database=x",
        });
        silo.UsePostgreSqlClustering();
        await using var services = host.Services.BuildServiceProvider();

        Assert.Equal("Host=membership;Database=x", services.GetRequiredService<IOptions<PostgreSqlClusteringOptions>>().Value.ConnectionString);
    }
}
