using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;
using static OrleansRealtime.Gateway.Tests.SocketIo.Realtime.RealtimeScript;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>The gateway's per-socket and per-user limits (<c>Realtime:Gateway</c>) on the Socket.IO endpoint.</summary>
public sealed class SocketIoRealtimeLimitsTests
{
    [Fact]
    public async Task AJoinPastThePerUserCap_IsTooManyConnections_ThenADisconnect_AndTheOthersStay()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Gateway:MaxConnectionsPerUser"] = "2" });
        var (user, wallet) = NewUser();
        var (ws, _) = await WsClient.ConnectEventsAsync(host, user);
        await using var _ws = ws;
        await using var first = await RawRealtimeClient.JoinAsync(host, Token(host, user, wallet), wallet);
        await using var third = await RawRealtimeClient.ConnectAsync(host, JsonSerializer.Serialize(new { token = Token(host, user, wallet) }));

        await third.SendAsync($"421[\"join\",\"{wallet}\"]");
        var error = await third.NextEventAsync("join:error");
        var disconnect = await third.NextMatchingAsync(p => p.StartsWith("41", StringComparison.Ordinal));
        await host.Client.GetGrain<IUserGrain>(user).DepositAsync(3).WithTimeout();

        Assert.Equal("too_many_connections", error[0].GetProperty("error_code").GetString());
        Assert.Equal("41", disconnect);
        Assert.Equal(3, (await first.NextEventAsync("balance:update"))[0].GetProperty("balance").GetInt64());
        Assert.Equal(3, (await ws.NextOfTypeAsync("balance:update")).GetProperty("data").GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Flooding_GetsAWarning_ThenRateLimitedErrors_ThenADisconnect()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Gateway:InboundBurst"] = "5",
            ["Realtime:Gateway:InboundRatePerSecond"] = "0.01",
            ["Realtime:Gateway:RateLimitWarningThreshold"] = "2",
            ["Realtime:Gateway:RateLimitTolerance"] = "3",
        });
        var (user, wallet) = NewUser();
        await using var client = await RawRealtimeClient.JoinAsync(host, Token(host, user, wallet), wallet);

        for (var i = 0; i < 12; i++)
        {
            await client.SendAsync("42[\"typing\",false]");
        }

        var warning = await client.NextEventAsync("realtime:rate_limit_warning");
        var limited = await client.NextEventAsync("realtime:error");
        var disconnect = await client.NextMatchingAsync(p => p.StartsWith("41", StringComparison.Ordinal));

        Assert.Equal(2, warning[0].GetProperty("requests_remaining").GetInt32());
        Assert.Equal("rate_limited", limited[0].GetProperty("error_code").GetString());
        Assert.Equal("41", disconnect);
        Assert.True(await client.ClosedAsync());
    }

    [Fact]
    public async Task TheOriginAllowlist_Refuses_ForeignPagesWith403_OnPollingAndWebSocket_AndLetsTheOthersIn()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Gateway:AllowedOrigins:0"] = "https://app.example.com" });
        using var http = host.Anonymous();

        var foreign = await GetHandshakeAsync(http, "https://evil.example.com");
        var allowed = await GetHandshakeAsync(http, "https://app.example.com");
        var native = await GetHandshakeAsync(http, null);
        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Origin", "https://evil.example.com");
        ws.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(new Uri($"ws://{host.Address.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).WithTimeout());

        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Contains("\"error_code\":\"origin_not_allowed\"", foreign.Body);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal(HttpStatusCode.OK, native.Status);
        Assert.Equal(HttpStatusCode.Forbidden, ws.HttpStatusCode);
    }

    [Fact]
    public async Task ATokenThatExpiresOnAJoinedSocket_IsAuthExpired_ThenTheConnectionCloses_WithoutADisconnect()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Auth:ClockSkew"] = "00:00:00",
            ["Realtime:Gateway:AuthExpiryCloseDelay"] = "00:00:00.100",
        });
        var (user, wallet) = NewUser();
        // Four seconds: exp has whole-second precision, and the join must get through on a loaded machine first.
        var token = TestTokens.Create(subject: user, expires: DateTime.UtcNow.AddSeconds(4), claims: new Dictionary<string, object> { ["wallet"] = wallet });
        await using var client = await RawRealtimeClient.JoinAsync(host, token, wallet);

        var expired = await client.NextEventAsync("realtime:error");
        Assert.True(await client.ClosedAsync());

        Assert.Equal("AUTH_EXPIRED", expired[0].GetProperty("error_code").GetString());
        Assert.DoesNotContain("41", client.Packets);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetHandshakeAsync(HttpClient http, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PollingClient.Url());
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await http.SendAsync(request).WithTimeout();
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
