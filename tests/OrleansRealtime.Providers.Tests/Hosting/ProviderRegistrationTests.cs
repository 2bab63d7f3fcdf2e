using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.PostgreSql.Internal;
using OrleansRealtime.Providers.Sqlite;
using OrleansRealtime.Providers.Tests.PostgreSql;
using OrleansRealtime.Providers.Tests.Sqlite;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Hosting;

public sealed class ProviderRegistrationTests
{
    private static (HostApplicationBuilder Host, TestSiloBuilder Silo) Builder(Dictionary<string, string?>? configuration = null)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Configuration.AddInMemoryCollection(configuration ?? []);
        return (host, new TestSiloBuilder(host.Services, host.Configuration));
    }

    [Fact]
    public async Task MemoryProviders_WithGivenStores_RegisterThoseInstances()
    {
        var (host, silo) = Builder();
        var (store, table) = (new MemoryGrainStorage(), new MemoryReminderTable());

        silo.AddMemoryGrainStorage("Default", store).AddMemoryGrainStorage("Other").UseInMemoryReminderService(table);
        await using var services = host.Services.BuildServiceProvider();

        Assert.Same(store, services.GetRequiredKeyedService<IGrainStorage>("Default"));
        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("Other"));
        Assert.NotSame(store, services.GetRequiredKeyedService<IGrainStorage>("Other"));
        Assert.Same(table, services.GetRequiredService<IReminderTable>());
    }

    [Fact]
    public async Task SqliteProviders_BindTheConfigurationSection_ThenApplyConfigure()
    {
        using var file = new SqliteTestFile();
        var (host, silo) = Builder(new() { ["Realtime:Storage:Sqlite:ConnectionString"] = file.ConnectionString });

        silo.AddSqliteGrainStorage("Default").AddSqliteGrainStorage("Tuned", o => o.BusyTimeout = TimeSpan.FromSeconds(9)).UseSqliteReminderService();
        using var app = host.Build();
        await app.StartAsync().WithTimeout();

        var storage = app.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        Assert.IsType<SqliteGrainStorage>(storage);
        Assert.Equal("1", await storage.WriteAsync("s", new GrainId("t", "k"), new byte[] { 1 }, null).WithTimeout());
        Assert.True(File.Exists(file.Path));
        var options = app.Services.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>();
        Assert.Equal(TimeSpan.FromSeconds(9), options.Get("Tuned").BusyTimeout);
        Assert.Equal(file.ConnectionString, options.Get("Tuned").ConnectionString);
        Assert.IsType<SqliteReminderTable>(app.Services.GetRequiredService<IReminderTable>());
        await app.StopAsync().WithTimeout();
    }

    [Fact]
    public async Task SqliteProviders_WithAnInvalidOption_FailAtStartNamingIt()
    {
        var (host, silo) = Builder(new() { ["Realtime:Storage:Sqlite:BusyTimeout"] = "-00:00:01" });
        silo.AddSqliteGrainStorage();
        using var app = host.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync()).WithTimeout();

        Assert.Contains("grain storage 'Default': Realtime:Storage:Sqlite:BusyTimeout must be a positive duration, but is -00:00:01", failure.Message);
    }

    [Fact]
    public async Task PostgreSqlProviders_WithoutAConnectionString_FailAtStartNamingIt()
    {
        var (host, silo) = Builder();
        silo.AddPostgreSqlGrainStorage().UsePostgreSqlReminderService();
        using var app = host.Build();

        // One failure per options name: both the storage's and the reminder table's are reported.
        var failure = await Assert.ThrowsAsync<AggregateException>(() => app.StartAsync()).WithTimeout();

        Assert.All(failure.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains("grain storage 'Default': Realtime:Storage:PostgreSql:ConnectionString must be set", failure.Message);
        Assert.Contains("reminder table: Realtime:Storage:PostgreSql:ConnectionString must be set", failure.Message);
    }

    [Fact]
    public async Task PostgreSqlProviders_WithOneConnectionString_ShareOneDataSource()
    {
        var schema = PostgreSqlTestDatabase.NewSchemaName("hosting");
        var connectionString = await PostgreSqlTestDatabase.CreateSchemaAsync(schema).WithTimeout();
        try
        {
            var (host, silo) = Builder(new() { ["Realtime:Storage:PostgreSql:ConnectionString"] = connectionString });
            silo.AddPostgreSqlGrainStorage("Default").AddPostgreSqlGrainStorage("PubSubStore").UsePostgreSqlReminderService();
            using var app = host.Build();
            await app.StartAsync().WithTimeout();

            var storage = app.Services.GetRequiredKeyedService<IGrainStorage>("Default");
            var pubSub = app.Services.GetRequiredKeyedService<IGrainStorage>("PubSubStore");
            var reminders = app.Services.GetRequiredService<IReminderTable>();
            var grain = new GrainId("t", TestTimeouts.NewKey());
            Assert.Equal("1", await storage.WriteAsync("s", grain, new byte[] { 1 }, null).WithTimeout());
            Assert.Equal("1", (await pubSub.ReadAsync("s", grain).WithTimeout())!.Etag);
            Assert.Empty(await reminders.ReadRowsAsync(grain).WithTimeout());

            var dataSources = app.Services.GetRequiredService<PostgreSqlDataSources>();
            Assert.Same(dataSources.Get(connectionString), dataSources.Get(connectionString));
            Assert.Equal(1, dataSources.Count);
            await app.StopAsync().WithTimeout();
        }
        finally
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(schema).WithTimeout();
        }
    }
}
