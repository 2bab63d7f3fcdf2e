using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;
using static OrleansRealtime.Gateway.Tests.SocketIo.Realtime.RealtimeScript;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>
/// Connection state recovery when it cannot succeed, with the stock socket.io-client: the CONNECT is answered
/// with a new pid (<c>recovered: false</c>), nothing is replayed in part, and the client joins again and goes on.
/// </summary>
public sealed class SocketIoRecoveryTests
{
    [Fact]
    public async Task Reconnect_AfterTheHistoryWasTrimmed_IsAFreshStart_WithNoPartialReplay()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Streams:HistoryCapacity"] = "2" });
        var (user, wallet) = NewUser();
        var grain = host.Client.GetGrain<IUserGrain>(user);
        await using var node = Start(host, "recover", Token(host, user, wallet), wallet, new() { ["SIO_MISSED"] = "4" });
        await node.NextEventAsync("ready");

        await grain.DepositAsync(1).WithTimeout();
        await node.NextEventAsync("dropped");
        foreach (var amount in new long[] { 2, 4, 8, 16 })
        {
            await grain.DepositAsync(amount).WithTimeout();
        }

        await node.NextEventAsync("reconnecting");
        var reconnect = await NextOfSocketAsync(node, "connect", "a");
        await NextOfSocketAsync(node, "join-ack", "a");
        await grain.DepositAsync(32).WithTimeout();
        var live = await NextSioAsync(node, "balance:update", "a");

        Assert.False(reconnect.GetProperty("recovered").GetBoolean(), node.Output);
        Assert.Equal(63, live[0].GetProperty("balance").GetInt64());
        Assert.Equal([1L, 63L], SioLines(node, "a").Where(l => l.GetProperty("name").GetString() == "balance:update")
            .Select(l => l.GetProperty("args")[0].GetProperty("balance").GetInt64()));
    }

    [Fact]
    public async Task Reconnect_ToARestartedGateway_VerifiesThePidThere_ButTheEpochIsGone_SoTheClientStartsFreshAndJoinsAgain()
    {
        GatewayHost? first = await GatewayHost.StartAsync();
        var port = first.Address.Port;
        var (user, wallet) = NewUser();
        await using var node = Start(first, "listen", Token(first, user, wallet), wallet, new() { ["SIO_RECONNECT"] = "1", ["SIO_TRANSPORTS"] = "websocket" });
        GatewayHost? second = null;
        try
        {
            await node.NextEventAsync("ready");
            await first.Client.GetGrain<IUserGrain>(user).DepositAsync(5).WithTimeout();
            await NextSioAsync(node, "balance:update");

            await first.DisposeAsync();
            first = null;
            var disconnect = await node.NextEventAsync("disconnect");
            second = await GatewayHost.StartAsync(port: port);
            var reconnect = await node.NextEventAsync("connect");
            await node.NextEventAsync("rejoined");
            await second.Client.GetGrain<IUserGrain>(user).DepositAsync(6).WithTimeout();
            var live = await NextSioAsync(node, "balance:update");

            Assert.Equal("transport close", disconnect.GetProperty("reason").GetString());
            Assert.False(reconnect.GetProperty("recovered").GetBoolean());
            Assert.Equal(6, live[0].GetProperty("balance").GetInt64());
            Assert.Contains(second.Logs.Lines, l => l.Contains("[5206]", StringComparison.Ordinal) && l.Contains("no longer holds", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var host in new[] { first, second })
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }
        }
    }
}
