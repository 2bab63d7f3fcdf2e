using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Hosting;

public sealed class StreamLogRegistrationTests
{
    private static (HostApplicationBuilder Host, TestSiloBuilder Silo) Builder(Dictionary<string, string?> configuration)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Configuration.AddInMemoryCollection(configuration);
        return (host, new TestSiloBuilder(host.Services, host.Configuration));
    }

    [Fact]
    public async Task MemoryStreamLog_UsesTheGivenLog()
    {
        var (host, silo) = Builder([]);
        var log = new MemoryStreamLog();

        silo.AddMemoryStreamLog(log);
        await using var services = host.Services.BuildServiceProvider();

        Assert.Same(log, services.GetRequiredService<IStreamLog>());
    }

    [Fact]
    public async Task PostgreSqlStreamLog_WithoutAnyConnectionString_OrWithANonPositiveTimeout_FailsAtStartNamingIt()
    {
        var (host, silo) = Builder(new() { ["Realtime:StreamLog:PostgreSql:CommandTimeout"] = "00:00:00" });
        silo.AddPostgreSqlStreamLog();
        using var app = host.Build();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync()).WithTimeout();

        Assert.Contains("stream log: Realtime:StreamLog:PostgreSql:ConnectionString (or Realtime:Storage:PostgreSql:ConnectionString) must be set", failure.Message);
        Assert.Contains("stream log: Realtime:StreamLog:PostgreSql:CommandTimeout must be a positive duration, but is 00:00:00.", failure.Message);
    }

    [Fact]
    public async Task PostgreSqlStreamLog_FallsBackToTheStorageConnectionString_AndBindsItsSection()
    {
        var (host, silo) = Builder(new()
        {
            ["Realtime:Storage:PostgreSql:ConnectionString"] = "Host=storage;Database=x",
            ["Realtime:StreamLog:PostgreSql:CommandTimeout"] = "00:00:02",
        });
        silo.AddPostgreSqlStreamLog();
        await using var services = host.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<PostgreSqlStreamLogOptions>>().Value;
        Assert.Equal("Host=storage;Database=x", options.ConnectionString);
        Assert.Equal(TimeSpan.FromSeconds(2), options.CommandTimeout);
        Assert.IsType<PostgreSqlStreamLog>(services.GetRequiredService<IStreamLog>());
    }
}
