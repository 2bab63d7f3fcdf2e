using System.Net;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.Auth;

/// <summary>A gateway configured with an issuer and an audience checks both; the issuer mints tokens that carry them.</summary>
public sealed class ConfiguredIssuerAndAudienceTests : IAsyncLifetime
{
    private GatewayHost? _host;

    private GatewayHost Host => _host!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Auth:Issuer"] = "https://auth.example.test",
        ["Realtime:Auth:Audience"] = "orleans-realtime",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task MintedToken_CarriesIssuerAndAudience_AndIsAccepted()
    {
        using var http = Host.WithToken(Host.Tokens.Mint(new TokenRequest { Subject = "erin" }));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WrongAudience_Gets401()
    {
        using var http = Host.WithToken(TestTokens.Create(issuer: "https://auth.example.test", audience: "someone-else"));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Contains("audience", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MissingAudience_Gets401()
    {
        using var http = Host.WithToken(TestTokens.Create(issuer: "https://auth.example.test"));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task WrongIssuer_Gets401()
    {
        using var http = Host.WithToken(TestTokens.Create(issuer: "https://evil.example.test", audience: "orleans-realtime"));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Contains("issuer", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RightIssuerAndAudience_AreAccepted()
    {
        using var http = Host.WithToken(TestTokens.Create(issuer: "https://auth.example.test", audience: "orleans-realtime"));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
