using System.Net;
using System.Net.WebSockets;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.WebSockets;

/// <summary>Who may open a socket: the token sources, and the refusals before the upgrade.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HandshakeTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    public static TheoryData<string> BadTokens() => new()
    {
        TestTokens.AlgNone(),
        TestTokens.Create(key: "another-signing-key-that-is-long-enough-0123456789"),
        TestTokens.Create(expires: DateTime.UtcNow.AddHours(-1), notBefore: DateTime.UtcNow.AddHours(-2)),
        "not-a-jwt",
    };

    [Fact]
    public async Task NoToken_Gets401_BeforeTheUpgrade()
    {
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => WsClient.ConnectAsync(Host, "/ws"));
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Gets401_BeforeTheUpgrade(string token)
    {
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => WsClient.ConnectAsync(Host, "/ws?token=" + Uri.EscapeDataString(token)));
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenInTheQuery_IsAccepted_AndNeverLogged()
    {
        var token = Host.Tokens.Mint(new TokenRequest { Subject = TestTimeouts.NewKey("u") });
        await using var client = await WsClient.ConnectAsync(Host, "/ws?token=" + token);
        Assert.Equal("connection_established", (await client.NextAsync()).GetProperty("type").GetString());
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenAsSubprotocol_IsAccepted_AndTheServerSelectsBearer()
    {
        var token = Host.Tokens.Mint(new TokenRequest { Subject = TestTimeouts.NewKey("u") });
        await using var client = await WsClient.ConnectAsync(Host, "/ws", configure: o =>
        {
            o.AddSubProtocol("bearer");
            o.AddSubProtocol(token);
        });
        Assert.Equal("bearer", client.Socket.SubProtocol);
        Assert.Equal("connection_established", (await client.NextAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task PlainHttpRequest_ToASocketEndpoint_Gets400()
    {
        using var http = Host.As(TestTimeouts.NewKey("u"));
        var response = await http.GetAsync("/ws");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("websocket_required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?last_seq=5")]
    [InlineData("?last_seq=-1&epoch=3")]
    [InlineData("?last_seq=abc&epoch=3")]
    public async Task MalformedResumePoint_Gets400(string query)
    {
        var token = Host.Tokens.Mint(new TokenRequest { Subject = TestTimeouts.NewKey("u") });
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => WsClient.ConnectAsync(Host, "/ws" + query, token));
        Assert.Contains("400", ex.Message, StringComparison.Ordinal);
    }
}
