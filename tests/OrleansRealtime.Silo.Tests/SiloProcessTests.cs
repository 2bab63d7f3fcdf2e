using System.Net;
using System.Text.Json;

namespace OrleansRealtime.Silo.Tests;

public sealed class SiloProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Silo_ServesHealthz_OnEmbeddedSqlite_AndStopsGracefully()
    {
        await using var silo = SiloProcess.Start();
        var address = await silo.ListeningAsync();

        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout };
        using var response = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Active", body.RootElement.GetProperty("siloStatus").GetString());

        // A single node lists itself alone at /cluster.
        using var cluster = JsonDocument.Parse(await http.GetStringAsync("/cluster"));
        Assert.False(cluster.RootElement.GetProperty("clustered").GetBoolean());
        Assert.Equal("Active", Assert.Single(cluster.RootElement.GetProperty("silos").EnumerateArray()).GetProperty("status").GetString());

        // The embedded default keeps its data in ./data/ of the working directory.
        Assert.True(File.Exists(Path.Combine(silo.WorkingDirectory, "data", "realtime.db")), silo.Output);
        Assert.Contains("storage: Sqlite", silo.Output);

        Assert.Equal(0, await silo.StopAsync());
    }

    [Fact]
    public async Task UnknownStorageProvider_FailsTheStart_WithAClearMessage()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["Realtime__Storage__Provider"] = "Cassandra" });

        Assert.NotEqual(0, await silo.WaitForExitAsync());
        Assert.Contains("Realtime:Storage:Provider must be Sqlite, PostgreSql or Memory, but is 'Cassandra'", silo.Output);
    }

    [Fact]
    public async Task InvalidRuntimeOption_FailsTheStart_NamingPropertyAndValue()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["Realtime__Messaging__ResponseTimeout"] = "-00:00:05" });

        Assert.NotEqual(0, await silo.WaitForExitAsync());
        Assert.Contains("ResponseTimeout", silo.Output);
        Assert.Contains("-00:00:05", silo.Output);
    }

    [Fact]
    public async Task Silo_OnPostgreSql_ServesHealthz_AndJoinsTheClusterTable()
    {
        var connection = Environment.GetEnvironmentVariable("REALTIME_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("REALTIME_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Realtime__Storage__Provider"] = "PostgreSql",
            ["Realtime__Storage__PostgreSql__ConnectionString"] = connection,
            ["Realtime__Silo__ClusterId"] = "silo-test-" + Guid.NewGuid().ToString("N"),
        });
        var address = await silo.ListeningAsync();

        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/cluster"));
        Assert.True(status.RootElement.GetProperty("clustered").GetBoolean());
        var self = Assert.Single(status.RootElement.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", self.GetProperty("status").GetString());
        Assert.True(self.GetProperty("is_local").GetBoolean());
        Assert.True(self.GetProperty("activations").GetInt32() >= 0);
        Assert.Equal(0, await silo.StopAsync());
    }
}
