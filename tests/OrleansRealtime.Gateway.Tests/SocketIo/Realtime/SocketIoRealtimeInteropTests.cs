using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;
using static OrleansRealtime.Gateway.Tests.SocketIo.Realtime.RealtimeScript;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>
/// Document 001 end to end with the stock socket.io-client (tests/interop/socketio-realtime.js, pinned in
/// package-lock.json) against the gateway as the silo serves it: real tokens, real grains, real state changes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SocketIoRealtimeInteropTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task ConnectWithAuthToken_IsAccepted_WithAPid_AndNotRecovered()
    {
        var (user, _) = NewUser();
        await using var node = Start("connect", Token(user));

        var connect = await node.NextEventAsync("connect");

        Assert.False(connect.GetProperty("recovered").GetBoolean());
        Assert.False(string.IsNullOrEmpty(connect.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("garbage", "invalid_token")]
    [InlineData("", "missing_token")]
    [InlineData("expired", "token_expired")]
    public async Task ConnectWithABadToken_IsRefusedWithConnectError_AndTheSocketGetsNothing(string token, string errorCode)
    {
        if (token == "expired")
        {
            token = TestTokens.Create(subject: NewUser().User, expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-10));
        }

        await using var node = Start("connect", token);
        var (lines, exitCode) = await node.RunToEndAsync();

        Assert.Equal(0, exitCode);
        var error = Assert.Single(lines, l => l.GetProperty("event").GetString() == "connect_error");
        Assert.Equal(errorCode, error.GetProperty("data").GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.DoesNotContain(lines, l => l.GetProperty("event").GetString() is "connect" or "sio");
    }

    [Fact]
    public async Task JoinWithTheWalletClaim_IsAcked_AndADepositArrivesAsBalanceUpdate_WithAnOffset()
    {
        var (user, wallet) = NewUser();
        await using var node = Start("listen", Token(user, wallet.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)), wallet);
        var ack = await node.NextEventAsync("join-ack");
        await node.NextEventAsync("ready");

        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(25).WithTimeout();

        var args = await NextSioAsync(node, "balance:update");
        Assert.Equal("""[{"ok":true,"user_id":"USER","wallet":"WALLET"}]""".Replace("USER", user).Replace("WALLET", wallet), ack.GetProperty("args").GetRawText());
        Assert.Equal(2, args.GetArrayLength());
        Assert.Equal(25, args[0].GetProperty("balance").GetInt64());
        Assert.EndsWith("Z", args[0].GetProperty("timestamp").GetString());
        Assert.Matches(@"^-?\d+-\d+\.[A-Za-z0-9_-]+$", args[1].GetString());
    }

    [Fact]
    public async Task JoinWithAWalletLinkedToTheUserGrain_ReceivesANotification()
    {
        var (user, wallet) = NewUser();
        await Host.Client.GetGrain<IUserGrain>(user).LinkWalletAsync(wallet).WithTimeout();
        await using var node = Start("listen", Token(user), wallet);
        await node.NextEventAsync("ready");

        await Host.Client.GetGrain<IUserGrain>(user).CreateNotificationAsync("Daily Reward", "You received 10 tokens!", NotificationTypes.Success).WithTimeout();

        var payload = (await NextSioAsync(node, "notification"))[0];
        Assert.Equal(("Daily Reward", "You received 10 tokens!", "success"),
            (payload.GetProperty("title").GetString(), payload.GetProperty("message").GetString(), payload.GetProperty("type").GetString()));
        Assert.True(payload.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task APersonaCheckIn_ArrivesAsMessageReceive()
    {
        var (user, wallet) = NewUser();
        await using var node = Start("listen", Token(user, wallet), wallet);
        await node.NextEventAsync("ready");

        // The check-in's daily reminder, due a few seconds from now: the real proactive path, not a publish by hand.
        // Three seconds, so that a loaded machine still registers it before that time of day has passed (a time
        // already past today would first fire tomorrow).
        var persona = Host.Client.GetGrain<IConversationGrain>(ConversationKeys.ForPersona(user, "luna"));
        await persona.ConfigureCheckInAsync(user, "luna", enabled: true, TimeOnly.FromDateTime(DateTime.UtcNow.AddSeconds(3))).WithTimeout();

        var payload = (await NextSioAsync(node, "message:receive"))[0];
        Assert.Equal(("ai", "luna"), (payload.GetProperty("sender").GetString(), payload.GetProperty("persona_id").GetString()));
        Assert.True(Guid.TryParse(payload.GetProperty("id").GetString(), out _));
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("content").GetString()));
        Assert.True(payload.TryGetProperty("timestamp", out _));
        await persona.ConfigureCheckInAsync(user, "luna", enabled: false).WithTimeout();
    }

    [Fact]
    public async Task JoinWithAForeignWallet_GetsJoinErrorAndAFailedAck_AndNeverTheOwnersBalance()
    {
        var (victim, victimWallet) = NewUser();
        var (attacker, attackerWallet) = NewUser();
        await Host.Client.GetGrain<IUserGrain>(victim).LinkWalletAsync(victimWallet).WithTimeout();
        var (witness, _) = await WsClient.ConnectEventsAsync(Host, victim);
        await using var _w = witness;
        await using var node = Start("listen", Token(attacker, attackerWallet), $"{victimWallet},{attackerWallet}");

        await node.NextEventAsync("ready");
        await Host.Client.GetGrain<IUserGrain>(victim).DepositAsync(1000).WithTimeout();
        await witness.NextOfTypeAsync("balance:update");
        await Host.Client.GetGrain<IUserGrain>(attacker).DepositAsync(1).WithTimeout();
        var own = await NextSioAsync(node, "balance:update");

        var acks = Printed(node).Where(l => l.GetProperty("event").GetString() == "join-ack").Select(l => l.GetProperty("args")[0]).ToList();
        var error = Assert.Single(SioLines(node, "a"), l => l.GetProperty("name").GetString() == "join:error").GetProperty("args");
        Assert.Equal(2, acks.Count);
        Assert.Equal((false, "wallet_not_linked"), (acks[0].GetProperty("ok").GetBoolean(), acks[0].GetProperty("error_code").GetString()));
        Assert.Equal("wallet_not_linked", error[0].GetProperty("error_code").GetString());
        Assert.True(acks[1].GetProperty("ok").GetBoolean());
        Assert.Equal(1, own[0].GetProperty("balance").GetInt64());
        Assert.Single(SioLines(node, "a"), l => l.GetProperty("name").GetString() == "balance:update");
    }

    [Fact]
    public async Task JoinWithoutAnAck_StillBindsTheSocket()
    {
        var (user, wallet) = NewUser();
        await using var presence = await StreamProbe.ForUserAsync(Host.Client, user);
        await using var node = Start("listen", Token(user, wallet), wallet, new() { ["SIO_ACK"] = "0" });
        await node.NextEventAsync("ready");

        // Without an ack the client cannot tell when the join took effect; the session's presence (registered once it
        // is attached to the user's stream) is the signal that a deposit from now on reaches it.
        await presence.WaitForAsync("presence_updated", e => e.Data.GetProperty("sessions").EnumerateArray()
            .Any(s => s.GetProperty("protocol").GetString() == "socket.io"));
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(3).WithTimeout();

        Assert.Equal(3, (await NextSioAsync(node, "balance:update"))[0].GetProperty("balance").GetInt64());
        Assert.DoesNotContain("join-ack", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_ReachesTheUsersOtherSocketIoSocket_AsABool_AndTheRawWsSession_AsAnEnvelope_ButNotTheSender()
    {
        var (user, wallet) = NewUser();
        var (ws, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _ws = ws;
        await using var node = Start("pair", Token(user, wallet), wallet, new() { ["SIO_TYPING"] = "1" });

        var envelope = await ws.NextOfTypeAsync("typing");
        var stopped = await ws.NextOfTypeAsync("typing");
        await NextSioAsync(node, "typing", socket: "b");
        await NextSioAsync(node, "typing", socket: "b");
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(1).WithTimeout();
        await NextSioAsync(node, "balance:update", socket: "a");

        var atB = SioLines(node, "b").Where(l => l.GetProperty("name").GetString() == "typing").Select(l => l.GetProperty("args")).ToList();
        var typingAck = Assert.Single(Printed(node), l => l.GetProperty("event").GetString() == "typing-ack");
        Assert.Equal("""[{"ok":true}]""", typingAck.GetProperty("args").GetRawText());
        Assert.Equal([JsonValueKind.True, JsonValueKind.False], atB.Select(a => a[0].ValueKind));
        Assert.Equal(JsonValueKind.String, atB[0][1].ValueKind);
        Assert.True(envelope.GetProperty("data").GetProperty("is_typing").GetBoolean());
        Assert.False(stopped.GetProperty("data").GetProperty("is_typing").GetBoolean());
        Assert.Equal(user, envelope.GetProperty("data").GetProperty("user_id").GetString());
        Assert.DoesNotContain(SioLines(node, "a"), l => l.GetProperty("name").GetString() == "typing");
    }

    [Theory]
    [InlineData("polling", false, "polling")]
    [InlineData("websocket", false, "websocket")]
    [InlineData("polling,websocket", true, "websocket")]
    public async Task EachTransport_ReceivesADeposit(string transports, bool waitUpgrade, string expected)
    {
        var (user, wallet) = NewUser();
        await using var node = Start("listen", Token(user, wallet), wallet, new()
        {
            ["SIO_TRANSPORTS"] = transports,
            ["SIO_WAIT_UPGRADE"] = waitUpgrade ? "1" : "0",
        });
        await node.NextEventAsync("ready");

        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(7).WithTimeout();

        var line = await NextSioLineAsync(node, "balance:update");
        Assert.Equal(expected, line.GetProperty("transport").GetString());
        Assert.Equal(7, line.GetProperty("args")[0].GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Reconnect_AfterAConnectionLoss_IsRecovered_AndReplaysWhatWasMissed_InOrder_WithoutANewJoin()
    {
        var (user, wallet) = NewUser();
        var grain = Host.Client.GetGrain<IUserGrain>(user);
        await using var node = Start("recover", Token(user, wallet), wallet);
        await node.NextEventAsync("ready");

        await grain.DepositAsync(1).WithTimeout();
        await node.NextEventAsync("dropped");
        await grain.DepositAsync(2).WithTimeout();
        await grain.DepositAsync(4).WithTimeout();
        await node.NextEventAsync("reconnecting");

        // The replay may reach the client before the CONNECT reply (socket.io-client buffers it) or after it.
        var after = await CollectAsync(node, 3, l => l.GetProperty("socket").GetString() == "a"
            && (l.GetProperty("event").GetString() == "connect" || IsSio(l, "balance:update")));
        await grain.DepositAsync(8).WithTimeout();
        var live = await NextSioAsync(node, "balance:update", "a");

        Assert.True(Assert.Single(after, l => l.GetProperty("event").GetString() == "connect").GetProperty("recovered").GetBoolean(), node.Output);
        Assert.Equal([3L, 7L], after.Where(l => IsSio(l, "balance:update")).Select(l => l.GetProperty("args")[0].GetProperty("balance").GetInt64()));
        Assert.Equal(15, live[0].GetProperty("balance").GetInt64());
        Assert.Single(node.Output.Split('\n'), l => l.Contains("\"join-ack\"", StringComparison.Ordinal) && l.Contains("\"socket\":\"a\"", StringComparison.Ordinal));
    }

    private string Token(string user, params string[] wallets) => RealtimeScript.Token(Host, user, wallets);

    private NodeScript Start(string scenario, string token, string wallets = "", Dictionary<string, string>? environment = null) =>
        RealtimeScript.Start(Host, scenario, token, wallets, environment);
}
