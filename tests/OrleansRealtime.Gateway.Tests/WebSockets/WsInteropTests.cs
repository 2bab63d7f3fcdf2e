using System.Text.Json;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.WebSockets;

/// <summary>The same flows driven by the stock npm <c>ws</c> client (tests/interop/ws-client.js, pinned in package-lock.json).</summary>
[Collection(GatewayCollection.Name)]
public sealed class WsInteropTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    private string WsUrl(string pathAndQuery) => Host.Address.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + pathAndQuery;

    private string Token(string user) => Host.Tokens.Mint(new TokenRequest { Subject = user });

    [Fact]
    public async Task WsClient_SubscribesToBalance_AndReceivesDepositsInSeqOrder()
    {
        var user = TestTimeouts.NewKey("u");
        await using var node = NodeScript.Start("ws-client.js", [WsUrl("/ws?token=" + Token(user)), "subscribe-balance"], new Dictionary<string, string> { ["WS_COUNT"] = "2" });
        await node.NextEventAsync("ready");

        var grain = Host.Client.GetGrain<IUserGrain>(user);
        await grain.DepositAsync(10).WithTimeout();
        await grain.DepositAsync(20).WithTimeout();

        var balances = (await node.NextEventAsync("balances")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([10L, 30L], balances.Select(b => b.GetProperty("data").GetProperty("balance").GetInt64()));
        Assert.Equal(balances[0].GetProperty("seq").GetInt64() + 1, balances[1].GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task WsClient_ResumesWithLastSeqAndEpoch_AndGetsWhatItMissed()
    {
        var user = TestTimeouts.NewKey("u");
        var (probe, established) = await WsClient.ConnectEventsAsync(Host, user);
        var epoch = established.GetProperty("data").GetProperty("epoch").GetInt64();
        await probe.DisposeAsync();
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(4).WithTimeout();

        await using var node = NodeScript.Start("ws-client.js", [WsUrl($"/ws?token={Token(user)}&last_seq=0&epoch={epoch}"), "collect-balance"]);
        var balances = (await node.NextEventAsync("balances")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, balances[0].GetProperty("data").GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task WsClient_GetsAnErrorForGarbage_AndTheConnectionStaysOpen()
    {
        await using var node = NodeScript.Start("ws-client.js", [WsUrl("/ws?token=" + Token(TestTimeouts.NewKey("u"))), "bad-input"]);
        var pong = await node.NextEventAsync("pong");
        Assert.Equal("after-error", pong.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task WsClient_WithTheTokenAsSubprotocol_IsAccepted_AndABadTokenIsRefusedWith401()
    {
        var user = TestTimeouts.NewKey("u");
        await using (var node = NodeScript.Start("ws-client.js", [WsUrl("/ws"), "bad-input"], new Dictionary<string, string> { ["WS_AUTH"] = "subprotocol", ["WS_TOKEN"] = Token(user) }))
        {
            Assert.Equal("bearer", (await node.NextEventAsync("open")).GetProperty("protocol").GetString());
            await node.NextEventAsync("pong");
        }

        await using var refused = NodeScript.Start("ws-client.js", [WsUrl("/ws?token=garbage"), "bad-input"]);
        Assert.Equal(401, (await refused.NextEventAsync("refused")).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WsClient_OnTheChatChannel_GetsTheAgentsAnswer()
    {
        var user = TestTimeouts.NewKey("u");
        await using var node = NodeScript.Start("ws-client.js", [WsUrl($"/ws/assistant/interop/chat-1/{user}?token={Token(user)}"), "chat"]);
        var answer = (await node.NextEventAsync("answer")).GetProperty("message");
        Assert.Equal($"chat:assistant:interop:chat-1:{user}", answer.GetProperty("data").GetProperty("conversation_id").GetString());
        Assert.Equal("interop-1", answer.GetProperty("data").GetProperty("message_id").GetString());
    }
}
