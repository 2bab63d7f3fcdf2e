using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansRealtime.Silo.Tests;

/// <summary>The real silo executable co-hosting the gateway: the JWT key check at start, the token command, and the API.</summary>
public sealed partial class SiloApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Production_WithoutSigningKey_FailsTheStart_WithAClearMessage()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["Realtime__Auth__SigningKey"] = string.Empty });

        Assert.NotEqual(0, await silo.WaitForExitAsync());
        Assert.Contains("[Realtime:Auth] SigningKey is required", silo.Output);
        Assert.Contains("Realtime__Auth__SigningKey", silo.Output);
    }

    [Fact]
    public async Task TokenCommand_InDevelopment_PrintsATokenTheSiloAccepts()
    {
        var token = await MintAsync("alice", "--role", "admin", "--wallet", "0x1111111111111111111111111111111111111111");

        await using var silo = SiloProcess.Start();
        using var http = new HttpClient { BaseAddress = await silo.ListeningAsync(), Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var me = JsonDocument.Parse(await http.GetStringAsync("/api/me"));
        Assert.Equal("alice", me.RootElement.GetProperty("user_id").GetString());
        Assert.True(me.RootElement.GetProperty("is_admin").GetBoolean());
        Assert.Equal("0x1111111111111111111111111111111111111111", me.RootElement.GetProperty("wallets")[0].GetString());
        Assert.Equal(0, await silo.StopAsync());
    }

    [Fact]
    public async Task TokenCommand_OutsideDevelopment_Refuses()
    {
        await using var command = SiloProcess.Run(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, ["token", "--sub", "alice"]);

        Assert.NotEqual(0, await command.WaitForExitAsync());
        Assert.Contains("development only", command.Output);
        Assert.DoesNotMatch(JwtLine(), command.Output);
    }

    [Fact]
    public async Task TokenCommand_WithoutSubject_PrintsUsage()
    {
        await using var command = SiloProcess.Run(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, ["token"]);

        Assert.Equal(2, await command.WaitForExitAsync());
        Assert.Contains("--sub (the user id) is required", command.Output);
    }

    [Fact]
    public async Task Silo_ServesTheApi_OnEmbeddedSqlite_AndKeepsStateAcrossARestart()
    {
        var token = await MintAsync("bob");
        var serviceToken = await MintAsync("billing", "--role", "service");
        var workingDirectory = Directory.CreateTempSubdirectory("realtime-silo-api-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Realtime__Storage__Sqlite__ConnectionString"] = $"Data Source={Path.Combine(workingDirectory, "realtime.db")}",
            };
            await using (var silo = SiloProcess.Start(environment))
            {
                using var http = Client(await silo.ListeningAsync(), token);
                using var unauthorized = await new HttpClient { BaseAddress = http.BaseAddress, Timeout = Timeout }.GetAsync("/api/users/bob/balance");
                Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
                Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);

                using var service = Client(http.BaseAddress!, serviceToken);
                using var deposit = await service.PostAsJsonAsync("/api/users/bob/balance/deposit", new { amount = 250, reason = "e2e" });
                Assert.Equal(HttpStatusCode.OK, deposit.StatusCode);
                using var library = await http.PostAsJsonAsync("/api/libraries", new { library_id = "bob-lib", name = "Bob's games", platform = "demo" });
                Assert.Equal(HttpStatusCode.Created, library.StatusCode);

                using var openApi = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
                Assert.True(openApi.RootElement.GetProperty("paths").TryGetProperty("/api/users/{userId}/balance/deposit", out _));
                Assert.Equal(0, await silo.StopAsync());
            }

            await using (var silo = SiloProcess.Start(environment))
            {
                using var http = Client(await silo.ListeningAsync(), token);
                using var balance = JsonDocument.Parse(await http.GetStringAsync("/api/users/bob/balance"));
                Assert.Equal(250, balance.RootElement.GetProperty("balance").GetInt64());
                using var library = JsonDocument.Parse(await http.GetStringAsync("/api/libraries/bob-lib"));
                Assert.Equal("bob", library.RootElement.GetProperty("owner_user_id").GetString());
                Assert.Equal(0, await silo.StopAsync());
            }
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    /// <summary>Runs <c>OrleansRealtime.Silo token --sub …</c> in Development with the tests' key and returns the printed JWT.</summary>
    private static async Task<string> MintAsync(string subject, params string[] options)
    {
        await using var command = SiloProcess.Run(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            ["token", "--sub", subject, .. options]);
        Assert.Equal(0, await command.WaitForExitAsync());
        return JwtLine().Match(command.Output) is { Success: true } match ? match.Value : throw new InvalidOperationException($"No token printed:\n{command.Output}");
    }

    /// <summary>A development token from the real <c>token</c> command, for other silo process tests.</summary>
    internal static Task<string> MintForTestsAsync(string subject, params string[] options) => MintAsync(subject, options);

    private static HttpClient Client(Uri address, string token)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [GeneratedRegex(@"(?m)^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")]
    private static partial Regex JwtLine();
}
