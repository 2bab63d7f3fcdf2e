using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.Auth;

[Collection(GatewayCollection.Name)]
public sealed class JwtAuthenticationTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task NoToken_Gets401_MissingToken_WithBearerChallenge()
    {
        using var http = Host.Anonymous();
        using var response = await http.GetAsyncWithTimeout("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "missing_token");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ValidToken_AuthenticatesTheSubject_WithRolesAndWallets()
    {
        var token = TestTokens.Create("carol", claims: new Dictionary<string, object>
        {
            ["roles"] = new[] { "service", "reader" },
            ["wallet"] = new[] { "0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222" },
        });
        using var http = Host.WithToken(token);

        var me = await (await http.GetAsyncWithTimeout("/api/me")).JsonAsync();

        Assert.Equal("carol", me.GetProperty("user_id").GetString());
        Assert.Equal(["service", "reader"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2, me.GetProperty("wallets").GetArrayLength());
        Assert.True(me.GetProperty("is_service").GetBoolean());
        Assert.False(me.GetProperty("is_admin").GetBoolean());
    }

    [Fact]
    public async Task RolesClaim_MayBeASingleString()
    {
        using var http = Host.WithToken(TestTokens.Create("dave", claims: new Dictionary<string, object> { ["roles"] = "admin", ["wallet"] = "0x3333333333333333333333333333333333333333" }));

        var me = await (await http.GetAsyncWithTimeout("/api/me")).JsonAsync();

        Assert.True(me.GetProperty("is_admin").GetBoolean());
        Assert.Equal("0x3333333333333333333333333333333333333333", me.GetProperty("wallets")[0].GetString());
    }

    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "alg none", TestTokens.AlgNone() },
        { "bad signature", TestTokens.Create(key: "another-key-that-is-long-enough-0123456789") },
        { "HS512 with the right key", TestTokens.Create(algorithm: SecurityAlgorithms.HmacSha512) },
        { "HS384 with the right key", TestTokens.Create(algorithm: SecurityAlgorithms.HmacSha384) },
        { "no exp", TestTokens.WithoutExpiry() },
        { "no sub", TestTokens.Create(subject: null) },
        { "not yet valid", TestTokens.Create(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(20)) },
        { "garbage", "not-a-jwt" },
        { "tampered payload", Tamper(TestTokens.Create("alice")) },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task BadToken_Gets401_InvalidToken(string name, string token)
    {
        using var http = Host.WithToken(token);
        using var response = await http.GetAsyncWithTimeout("/api/me");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), name);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ExpiredToken_Gets401_TokenExpired()
    {
        var now = DateTime.UtcNow;
        using var http = Host.WithToken(TestTokens.Create(notBefore: now.AddHours(-2), expires: now.AddMinutes(-5)));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "token_expired");
    }

    [Fact]
    public async Task TokenWithinClockSkew_IsAccepted()
    {
        var now = DateTime.UtcNow;
        using var http = Host.WithToken(TestTokens.Create(notBefore: now.AddHours(-1), expires: now.AddSeconds(-5)));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task IssuerAndAudience_AreNotCheckedWhenNotConfigured()
    {
        using var http = Host.WithToken(TestTokens.Create(issuer: "anyone", audience: "anything"));
        using var response = await http.GetAsyncWithTimeout("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task QueryToken_IsIgnoredOutsideWebSocketPaths()
    {
        using var http = Host.Anonymous();
        using var response = await http.GetAsyncWithTimeout($"/api/me?token={Uri.EscapeDataString(TestTokens.Create())}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "missing_token");
    }

    [Fact]
    public async Task NonBearerAuthorization_CountsAsNoToken()
    {
        using var http = Host.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6c2VjcmV0");
        using var response = await http.GetAsyncWithTimeout("/api/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "missing_token");
    }

    [Fact]
    public async Task Tokens_AreNeverLogged_NorQueryStrings()
    {
        var valid = TestTokens.Create("logcheck");
        var invalid = TestTokens.Create("logcheck", key: "another-key-that-is-long-enough-0123456789");
        using (var http = Host.WithToken(valid))
        {
            (await http.GetAsyncWithTimeout("/api/me?secret=query-secret-value")).Dispose();
            (await http.GetAsyncWithTimeout("/api/users/someone-else/balance")).Dispose();
        }

        using (var http = Host.WithToken(invalid))
        {
            (await http.GetAsyncWithTimeout("/api/me")).Dispose();
        }

        using (var http = Host.Anonymous())
        {
            (await http.GetAsyncWithTimeout($"/ws?token={valid}")).Dispose();
        }

        var lines = Host.Logs.Lines;
        Assert.NotEmpty(lines);
        foreach (var secret in new[] { valid, invalid, valid.Split('.')[2], invalid.Split('.')[2], "query-secret-value" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"alice\"", "\"mallory\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
