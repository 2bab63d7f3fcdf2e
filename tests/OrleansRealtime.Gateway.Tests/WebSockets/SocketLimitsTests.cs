using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.Gateway.WebSockets.KeepAlive;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.WebSockets;

/// <summary>Per-socket resilience, each on a gateway of its own with the limit under test made small.</summary>
public sealed class SocketLimitsTests
{
    private static string Token(GatewayHost host, string user) => host.Tokens.Mint(new TokenRequest { Subject = user });

    [Fact]
    public async Task OversizeMessage_ClosesTheSocketWith1009_AndOtherSocketsAreUnaffected()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Gateway:MaxInboundMessageBytes"] = "2048" });
        var user = TestTimeouts.NewKey("u");
        var (big, _) = await WsClient.ConnectEventsAsync(host, user);
        var (bystander, _) = await WsClient.ConnectEventsAsync(host, user);
        await using var _1 = big;
        await using var _2 = bystander;

        await big.SendTextAsync("{\"type\":\"ping\",\"data\":{\"pad\":\"" + new string('x', 4096) + "\"}}");
        Assert.Equal(1009, await big.ClosedAsync());

        await bystander.SendAsync(new { type = "ping", id = "p" });
        Assert.Equal("p", (await bystander.NextOfTypeAsync("pong")).GetProperty("data").GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task Flooding_GetsRateLimitWarning_ThenErrors_ThenA1008Close_AndOtherSocketsAreUnaffected()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Gateway:InboundBurst"] = "10",
            ["Realtime:Gateway:InboundRatePerSecond"] = "0.01",
            ["Realtime:Gateway:RateLimitWarningThreshold"] = "3",
            ["Realtime:Gateway:RateLimitTolerance"] = "2",
        });
        var user = TestTimeouts.NewKey("u");
        var (flood, _) = await WsClient.ConnectEventsAsync(host, user);
        var (calm, _) = await WsClient.ConnectEventsAsync(host, user);
        await using var _1 = flood;
        await using var _2 = calm;

        for (var i = 0; i < 20 && flood.Socket.State == WebSocketState.Open; i++)
        {
            try
            {
                await flood.SendAsync(new { type = "ping", id = $"p{i}" });
            }
            catch (WebSocketException)
            {
                break;
            }
        }

        Assert.Equal(1008, await flood.ClosedAsync());
        var types = flood.Received.Select(m => m.GetProperty("type").GetString()).ToList();
        var warning = Assert.Single(flood.Received, m => m.GetProperty("type").GetString() == "rate_limit_warning");
        Assert.Equal(3, warning.GetProperty("data").GetProperty("warning_threshold").GetInt32());
        Assert.Equal(3, warning.GetProperty("data").GetProperty("requests_remaining").GetInt32());
        Assert.True(warning.GetProperty("data").GetProperty("window_reset_seconds").GetInt32() > 0);
        Assert.Equal(10, types.Count(t => t == "pong"));
        Assert.Contains(flood.Received, m => m.GetProperty("type").GetString() == "error" && m.GetProperty("data").GetProperty("error_code").GetString() == "rate_limited");

        await calm.SendAsync(new { type = "ping", id = "calm" });
        Assert.Equal("calm", (await calm.NextOfTypeAsync("pong")).GetProperty("data").GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task ConnectionsPastThePerUserCap_AreClosedWith4029_SayingNotToRetry()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Gateway:MaxConnectionsPerUser"] = "2" });
        var user = TestTimeouts.NewKey("u");
        var (a, _) = await WsClient.ConnectEventsAsync(host, user);
        var (b, _) = await WsClient.ConnectEventsAsync(host, user);
        await using var _1 = a;
        await using var _2 = b;

        await using var third = await WsClient.ConnectAsync(host, "/ws", Token(host, user));
        Assert.Equal(4029, await third.ClosedAsync());
        Assert.Contains("do not retry", third.CloseReason, StringComparison.Ordinal);
        Assert.Empty(third.Received);

        // Another user is not affected by this user's cap.
        var (other, _) = await WsClient.ConnectEventsAsync(host, TestTimeouts.NewKey("o"));
        await other.DisposeAsync();
    }

    [Fact]
    public async Task OriginAllowlist_RefusesOtherBrowserOriginsWith403_AndAcceptsListedOnes()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Gateway:AllowedOrigins:0"] = "https://app.example.com" });
        var user = TestTimeouts.NewKey("u");
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => WsClient.ConnectAsync(host, "/ws", Token(host, user), o => o.SetRequestHeader("Origin", "https://evil.example.net")));
        Assert.Contains("403", ex.Message, StringComparison.Ordinal);

        await using var allowed = await WsClient.ConnectAsync(host, "/ws", Token(host, user), o => o.SetRequestHeader("Origin", "https://app.example.com"));
        Assert.Equal("connection_established", (await allowed.NextAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task ExpiredToken_GetsConnectionErrorAuthExpired_ThenA4001Close()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Auth:ClockSkew"] = "00:00:00",
            ["Realtime:Gateway:AuthExpiryCloseDelay"] = "00:00:01",
        });
        var user = TestTimeouts.NewKey("u");
        await using var client = await WsClient.ConnectAsync(host, "/ws", TestTokens.Create(user, expires: DateTime.UtcNow.AddSeconds(3)));
        Assert.Equal("connection_established", (await client.NextAsync()).GetProperty("type").GetString());

        var error = await client.NextOfTypeAsync("connection_error");
        var data = error.GetProperty("data");
        Assert.Equal("AUTH_EXPIRED", data.GetProperty("error_code").GetString());
        Assert.True(data.GetProperty("reconnect_required").GetBoolean());
        Assert.Equal("refresh_token", data.GetProperty("action_required").GetString());
        Assert.Equal(4001, await client.ClosedAsync());
    }

    [Fact]
    public async Task RefreshedToken_KeepsTheSessionOpenPastTheOldExpiry()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Auth:ClockSkew"] = "00:00:00" });
        var user = TestTimeouts.NewKey("u");
        // Four seconds leave a loaded machine room to deliver the refresh before the old token expires (exp has
        // whole-second precision, so it may fall up to a second earlier).
        var shortLived = TestTokens.Create(user, expires: DateTime.UtcNow.AddSeconds(4));
        await using var client = await WsClient.ConnectAsync(host, "/ws", shortLived);
        await client.NextAsync();

        await client.SendAsync(new { type = "refresh_token", id = "r1", data = new { token = Token(host, "someone-else") } });
        var refused = await client.NextOfTypeAsync("error");
        Assert.Equal("invalid_token", refused.GetProperty("data").GetProperty("error_code").GetString());

        await client.SendAsync(new { type = "refresh_token", id = "r2", data = new { token = Token(host, user) } });
        var refreshed = await client.NextOfTypeAsync("token_refreshed");
        Assert.Equal("r2", refreshed.GetProperty("id").GetString());
        Assert.True(refreshed.GetProperty("data").GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(30));

        // Past the old expiry (4 s) plus the close delay (2 s): no connection_error ever comes, and the socket serves.
        var quiet = await Record.ExceptionAsync(() => client.NextOfTypeAsync("connection_error", timeout: TimeSpan.FromSeconds(7)));
        Assert.True(quiet is OperationCanceledException, $"expected silence, got {quiet?.GetType().Name}; close {client.CloseCode} '{client.CloseReason}'; received {string.Join(", ", client.Received.Select(m => m.GetProperty("type").GetString()))}");
        await client.SendAsync(new { type = "ping", id = "alive" });
        Assert.Equal("alive", (await client.NextOfTypeAsync("pong")).GetProperty("data").GetProperty("client_id").GetString());
        Assert.Equal(WebSocketState.Open, client.Socket.State);
        Assert.DoesNotContain(client.Received, m => m.GetProperty("type").GetString() == "connection_error");
    }

    [Fact]
    public async Task SlowConsumer_ThatStopsReading_IsClosedAndCounted_AndOtherSocketsAreUnaffected()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Gateway:OutboundQueueCapacity"] = "16" });
        var user = TestTimeouts.NewKey("u");
        var token = Token(host, user);
        await using var slow = await WsClient.ConnectAsync(host, "/ws?device=slow", token, read: false);
        var (fast, _) = await WsClient.ConnectEventsAsync(host, TestTimeouts.NewKey("other"));
        await using var _1 = fast;

        // Durable events of ~60 KB each, far more than the kernel's socket buffers and a 16-message queue hold.
        var pad = new string('x', 60_000);
        var grain = host.Client.GetGrain<GrainInterfaces.Users.IUserGrain>(user);
        for (var i = 0; i < 400 && !host.Logs.Lines.Any(l => l.Contains("as a slow consumer", StringComparison.Ordinal)); i++)
        {
            await grain.SendUpdateAsync("bulk_update", "created", System.Text.Json.JsonSerializer.SerializeToElement(new { i, pad })).WithTimeout();
        }

        Assert.Contains(host.Logs.Lines, l => l.Contains("as a slow consumer", StringComparison.Ordinal));

        // The slow socket ends (close 4000 if the close frame gets through, else an abort); another user's socket is fine.
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var r = await slow.Socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Default);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    Assert.Equal(4000, (int?)slow.Socket.CloseStatus);
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            // Aborted after the close deadline: also a dropped slow consumer.
        }

        await fast.SendAsync(new { type = "ping", id = "fast" });
        Assert.Equal("fast", (await fast.NextOfTypeAsync("pong")).GetProperty("data").GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task SilentPeer_ThatNeverAnswersPings_IsDropped()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Gateway:KeepAliveInterval"] = "00:00:00.200",
            ["Realtime:Gateway:KeepAliveTimeout"] = "00:00:00.300",
        });
        using var tcp = await RawUpgradeAsync(host);

        // Read (never answering the server's pings) until the server gives up on us.
        var (received, dropped) = await ReadUntilDroppedAsync(tcp);

        Assert.True(dropped, "the server kept a peer that never answered its pings");
        Assert.StartsWith("HTTP/1.1 101", received, StringComparison.Ordinal);
        Assert.Contains("connection_established", received, StringComparison.Ordinal);

        // The gateway's own ping frame (FIN, opcode 9, no payload), written by its keep-alive sweep.
        Assert.Contains("\u0089\u0000", received, StringComparison.Ordinal);
        Assert.Equal(0, host.Services.GetRequiredService<KeepAliveSweep>().Count);
    }

    [Fact]
    public async Task PeerThatNeverAnswersOurClose_IsDroppedSoonAfter()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Auth:ClockSkew"] = "00:00:00",
            ["Realtime:Gateway:AuthExpiryCloseDelay"] = "00:00:00.100",
            ["Realtime:Gateway:KeepAliveInterval"] = "00:05:00",
        });

        // The token expires in 3 s (exp has whole seconds): the server closes with 4001 while still reading, and we
        // never send our close frame.
        var token = TestTokens.Create(subject: TestTimeouts.NewKey("u"), expires: DateTime.UtcNow.AddSeconds(3));
        using var tcp = await RawUpgradeAsync(host, token);
        var (received, dropped) = await ReadUntilDroppedAsync(tcp);

        Assert.True(dropped, "the server kept a peer that never answered its close frame");
        Assert.Contains("AUTH_EXPIRED", received, StringComparison.Ordinal);
        Assert.Contains("\u0088", received, StringComparison.Ordinal);
        Assert.Contains("\u000f\u00a1", received, StringComparison.Ordinal);
    }

    /// <summary>A raw TCP connection upgraded to /ws with a valid token (the server's 101 is left unread).</summary>
    private static async Task<System.Net.Sockets.TcpClient> RawUpgradeAsync(GatewayHost host, string? token = null)
    {
        var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(host.Address.Host, host.Address.Port).WaitAsync(TestTimeouts.Default);
        var request = $"GET /ws HTTP/1.1\r\nHost: {host.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token ?? Token(host, TestTimeouts.NewKey("u"))}\r\n\r\n";
        await tcp.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(request)).AsTask().WaitAsync(TestTimeouts.Default);
        return tcp;
    }

    /// <summary>Everything the server sends (as Latin-1), and whether it ended the connection within the test timeout.</summary>
    private static async Task<(string Received, bool Dropped)> ReadUntilDroppedAsync(System.Net.Sockets.TcpClient tcp)
    {
        var buffer = new byte[4096];
        var received = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        try
        {
            int read;
            while ((read = await tcp.GetStream().ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Append(System.Text.Encoding.Latin1.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // A reset is as good as a close: the server dropped the peer.
        }
        catch (OperationCanceledException)
        {
            return (received.ToString(), false);
        }

        return (received.ToString(), true);
    }

    [Fact]
    public async Task LivePeer_ThatAnswersPings_StaysConnectedAcrossManyIntervals()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Gateway:KeepAliveInterval"] = "00:00:00.100",
            ["Realtime:Gateway:KeepAliveTimeout"] = "00:00:00.150",
        });
        var (client, _) = await WsClient.ConnectEventsAsync(host, TestTimeouts.NewKey("u"));
        await using var _1 = client;
        var sweep = host.Services.GetRequiredService<KeepAliveSweep>();
        Assert.Equal(1, sweep.Count);

        // ClientWebSocket answers each ping with a pong while its reader waits; 15 intervals, 10 timeouts.
        await Task.Delay(TimeSpan.FromMilliseconds(1500));

        await client.SendAsync(new { type = "ping", id = "still-here" });
        Assert.Equal("still-here", (await client.NextOfTypeAsync("pong")).GetProperty("data").GetProperty("client_id").GetString());
        Assert.Equal(1, sweep.Count);
        Assert.Null(client.CloseCode);
    }

    [Fact]
    public async Task Shutdown_DrainsEverySocket_WithReconnect_ThenA1012Close()
    {
        var host = await GatewayHost.StartAsync();
        var user = TestTimeouts.NewKey("u");
        var (client, _) = await WsClient.ConnectEventsAsync(host, user);
        await using var _1 = client;

        var stopping = host.DisposeAsync().AsTask();
        var reconnect = await client.NextOfTypeAsync("reconnect");
        Assert.Equal("server_shutdown", reconnect.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(1000, reconnect.GetProperty("data").GetProperty("retry_after_ms").GetInt32());
        Assert.Equal(1012, await client.ClosedAsync());
        await stopping.WithTimeout();
    }
}
