using System.Text.Json;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;
using static OrleansRealtime.Gateway.Tests.SocketIo.Realtime.RealtimeScript;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>
/// What the document 001 handler does with what a stock client never sends, over raw WebSocket frames: each refusal
/// is an error event (and a failed ack), never a crash, and the socket goes on.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SocketIoRealtimeHandlerTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    public static TheoryData<string, string> BadJoinArguments() => new()
    {
        { string.Empty, "invalid_data" },
        { ",123", "invalid_data" },
        { ",null", "invalid_data" },
        { ",true", "invalid_data" },
        { ",{\"wallet\":\"0x0000000000000000000000000000000000000000\"}", "invalid_data" },
        { ",[\"0x0000000000000000000000000000000000000000\"]", "invalid_data" },
        { ",\"\"", "invalid_wallet_address" },
        { ",\"0x123\"", "invalid_wallet_address" },
        { ",\"not a wallet!\"", "invalid_wallet_address" },
        { ",\"" + new string('a', 200_000) + "\"", "invalid_wallet_address" },
    };

    [Theory]
    [MemberData(nameof(BadJoinArguments))]
    public async Task Join_WithABadArgument_IsAJoinErrorAndAFailedAck_AndTheSocketCanStillJoin(string argument, string errorCode)
    {
        var (user, wallet) = NewUser();
        await using var client = await RawRealtimeClient.ConnectAsync(Host, Auth(user, wallet));

        await client.SendAsync($"421[\"join\"{argument}]");
        var error = await client.NextEventAsync("join:error");
        var ack = await client.NextMatchingAsync(p => p.StartsWith("431[", StringComparison.Ordinal));
        await client.SendAsync($"422[\"join\",\"{wallet}\"]");
        var joined = await client.NextMatchingAsync(p => p.StartsWith("432[", StringComparison.Ordinal));
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(9).WithTimeout();
        var balance = await client.NextEventAsync("balance:update");

        Assert.Equal(errorCode, error[0].GetProperty("error_code").GetString());
        Assert.True(error[0].GetProperty("message").GetString()!.Length < 300, "the message must not echo the argument");
        Assert.Contains("\"ok\":false", ack);
        Assert.Contains("\"ok\":true", joined);
        Assert.Equal(9, balance[0].GetProperty("balance").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData(",\"true\"")]
    [InlineData(",1")]
    [InlineData(",null")]
    [InlineData(",{\"is_typing\":true}")]
    public async Task Typing_WithoutABoolean_IsARealtimeError_AndTheSocketStaysJoined(string argument)
    {
        var (user, wallet) = NewUser();
        await using var client = await RawRealtimeClient.JoinAsync(Host, Token(Host, user, wallet), wallet);

        await client.SendAsync($"42[\"typing\"{argument}]");
        var error = await client.NextEventAsync("realtime:error");
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(2).WithTimeout();

        Assert.Equal(("invalid_data", "typing"), (error[0].GetProperty("error_code").GetString(), error[0].GetProperty("event").GetString()));
        Assert.Equal(2, (await client.NextEventAsync("balance:update"))[0].GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Typing_BeforeJoin_IsNotJoined_AndTellsNobody()
    {
        var (user, wallet) = NewUser();
        var (ws, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _ws = ws;
        await using var client = await RawRealtimeClient.ConnectAsync(Host, Auth(user, wallet));

        await client.SendAsync("421[\"typing\",true]");
        var error = await client.NextEventAsync("realtime:error");
        var ack = await client.NextMatchingAsync(p => p.StartsWith("431[", StringComparison.Ordinal));
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(1).WithTimeout();
        var skipped = new List<JsonElement>();
        await ws.NextOfTypeAsync("balance:update", skipped);

        Assert.Equal("not_joined", error[0].GetProperty("error_code").GetString());
        Assert.Contains("\"error_code\":\"not_joined\"", ack);
        Assert.DoesNotContain(skipped, m => m.GetProperty("type").GetString() == "typing");
    }

    [Fact]
    public async Task AnUnknownEvent_IsAnUnknownTypeError_WithItsAckAnswered()
    {
        var (user, wallet) = NewUser();
        await using var client = await RawRealtimeClient.ConnectAsync(Host, Auth(user, wallet));

        await client.SendAsync("427[\"subscribe\",{\"events\":[\"balance\"]}]");
        var error = await client.NextEventAsync("realtime:error");
        var ack = await client.NextMatchingAsync(p => p.StartsWith("437[", StringComparison.Ordinal));

        Assert.Equal(("unknown_type", "subscribe"), (error[0].GetProperty("error_code").GetString(), error[0].GetProperty("event").GetString()));
        Assert.Contains("\"ok\":false", ack);
    }

    [Fact]
    public async Task NothingPrivate_ReachesASocketBeforeItsJoin()
    {
        var (user, wallet) = NewUser();
        var grain = Host.Client.GetGrain<IUserGrain>(user);
        var (ws, _) = await WsClient.ConnectEventsAsync(Host, user);
        await using var _ws = ws;
        await using var client = await RawRealtimeClient.ConnectAsync(Host, Auth(user, wallet));

        await grain.DepositAsync(100).WithTimeout();
        await grain.CreateNotificationAsync("Before", "the join").WithTimeout();
        await ws.NextOfTypeAsync("notification");
        await client.SendAsync($"421[\"join\",\"{wallet}\"]");
        await client.NextMatchingAsync(p => p.StartsWith("431[", StringComparison.Ordinal));
        await grain.DepositAsync(1).WithTimeout();
        var balance = await client.NextEventAsync("balance:update");

        Assert.Equal(101, balance[0].GetProperty("balance").GetInt64());
        Assert.DoesNotContain(client.Packets, p => p.Contains("\"balance\":100", StringComparison.Ordinal) || p.Contains("Before", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JoiningAgain_WithTheSameOrAnotherWalletOfTheUser_ChangesNothing_AndEventsArriveOnce()
    {
        var (user, wallet) = NewUser();
        var (_, second) = NewUser();
        await Host.Client.GetGrain<IUserGrain>(user).LinkWalletAsync(second).WithTimeout();
        await using var client = await RawRealtimeClient.JoinAsync(Host, Token(Host, user, wallet), wallet);

        await client.SendAsync($"422[\"join\",\"{second}\"]");
        var again = await client.NextMatchingAsync(p => p.StartsWith("432[", StringComparison.Ordinal));
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(4).WithTimeout();
        await client.NextEventAsync("balance:update");
        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(1).WithTimeout();
        await client.NextEventAsync("balance:update");

        Assert.Contains("\"ok\":true", again);
        Assert.Equal(2, client.Packets.Count(p => p.StartsWith("42[\"balance:update\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AForgedPid_OrAnotherUsersPid_IsAFreshStart_AndTheSocketIsNotBound()
    {
        var (alice, aliceWallet) = NewUser();
        var (mallory, malloryWallet) = NewUser();
        await using var victim = await RawRealtimeClient.JoinAsync(Host, Token(Host, alice, aliceWallet), aliceWallet);
        await Host.Client.GetGrain<IUserGrain>(alice).DepositAsync(1).WithTimeout();
        var offset = (await victim.NextEventAsync("balance:update"))[1].GetString()!;

        await using var stolen = await RawRealtimeClient.ConnectAsync(Host, JsonSerializer.Serialize(new { token = Token(Host, mallory, malloryWallet), pid = victim.Pid, offset }));
        await using var forged = await RawRealtimeClient.ConnectAsync(Host, JsonSerializer.Serialize(new { token = Token(Host, alice, aliceWallet), pid = "v1.x.y.z", offset }));
        await stolen.SendAsync("421[\"typing\",true]");
        await forged.SendAsync("421[\"typing\",true]");

        Assert.NotEqual(victim.Pid, stolen.Pid);
        Assert.NotEqual("v1.x.y.z", forged.Pid);
        Assert.Equal("not_joined", (await stolen.NextEventAsync("realtime:error"))[0].GetProperty("error_code").GetString());
        Assert.Equal("not_joined", (await forged.NextEventAsync("realtime:error"))[0].GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task ThePidAndOffset_RecoverTheBinding_OnARawConnection_AndAreNeverLogged()
    {
        var (user, wallet) = NewUser();
        var token = Token(Host, user, wallet);
        string pid;
        string offset;
        await using (var first = await RawRealtimeClient.JoinAsync(Host, token, wallet))
        {
            await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(1).WithTimeout();
            offset = (await first.NextEventAsync("balance:update"))[1].GetString()!;
            pid = first.Pid;
        }

        await Host.Client.GetGrain<IUserGrain>(user).DepositAsync(2).WithTimeout();
        await using var again = await RawRealtimeClient.ConnectAsync(Host, JsonSerializer.Serialize(new { token, pid, offset }));
        var replayed = await again.NextEventAsync("balance:update");

        Assert.Equal(pid, again.Pid);
        Assert.Equal(3, replayed[0].GetProperty("balance").GetInt64());
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains(pid, StringComparison.Ordinal) || l.Contains(offset, StringComparison.Ordinal) || l.Contains(token, StringComparison.Ordinal));
    }

    private string Auth(string user, string wallet) => JsonSerializer.Serialize(new { token = Token(Host, user, wallet) });
}
