using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>The heartbeat and the timeouts that free sessions nobody uses, on short real intervals (each wait is a signal with a timeout).</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task PongsKeepTheSessionAlive_AcrossSeveralPings()
    {
        // Eight pings span more than one pingTimeout, so only the pongs can keep the session; the timeout is
        // roomy enough for a loaded 2-core machine to answer each ping in time.
        await using var host = await SocketIoTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:SocketIo:PingInterval"] = "200",
            ["Realtime:SocketIo:PingTimeout"] = "1500",
        });
        using var client = host.Polling();
        var sid = await client.ConnectAsync();

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal((HttpStatusCode.OK, "2"), await client.GetAsync(sid));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(sid, "3")).Status);
        }

        await client.PostAsync(sid, "42[\"echo\",\"alive\"]");
        Assert.Equal("42[\"echo\",\"alive\"]", await client.PollForAsync(sid, "42"));
    }

    [Fact]
    public async Task NoPong_ClosesTheSession_WithPingTimeout()
    {
        await using var host = await SocketIoTestHost.StartAsync(Fast());
        using var client = host.Polling();
        var sid = await client.ConnectAsync();

        Assert.Equal((HttpStatusCode.OK, "2"), await client.GetAsync(sid));

        // No pong: the next poll is answered with the close packet when pingTimeout runs out.
        Assert.Equal((HttpStatusCode.OK, "1"), await client.GetAsync(sid));
        var (_, reason) = await host.Handler.Disconnects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("ping timeout", reason);
        Assert.Equal(0, host.Server.OpenSessions);
    }

    [Fact]
    public async Task HandshakeWithoutAnyFurtherRequest_IsFreedByTheHeartbeat()
    {
        await using var host = await SocketIoTestHost.StartAsync(Fast());
        using var client = host.Polling();
        var (sid, _) = await client.HandshakeAsync();
        Assert.Equal(1, host.Server.OpenSessions);

        await host.Server.SessionClosed(sid).WithTimeout();

        Assert.Equal(0, host.Server.OpenSessions);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(sid)).Status);
    }

    [Fact]
    public async Task NoNamespaceConnected_WithinConnectTimeout_ClosesTheSession()
    {
        await using var host = await SocketIoTestHost.StartAsync(new Dictionary<string, string?> { ["Realtime:SocketIo:ConnectTimeout"] = "1500" });
        using var client = host.Polling();
        var (sid, _) = await client.HandshakeAsync();

        Assert.Equal((HttpStatusCode.OK, "1"), await client.GetAsync(sid));
        Assert.Contains(host.Logs.Lines, l => l.Contains("[5109]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SessionLimit_RefusesFurtherHandshakesWith503()
    {
        await using var host = await SocketIoTestHost.StartAsync(new Dictionary<string, string?> { ["Realtime:SocketIo:MaxSessions"] = "1" });
        using var client = host.Polling();
        await client.HandshakeAsync();

        using var response = await client.Http.GetAsync(PollingClient.Url()).WithTimeout();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task HostShutdown_EndsAWaitingPollWithAClosePacket()
    {
        var host = await SocketIoTestHost.StartAsync();
        using var client = host.Polling();
        var sid = await client.ConnectAsync();
        var poll = client.GetAsync(sid);

        // Stop only once the GET reached the server: a GET still on its way would meet a stopped host instead.
        await host.Server.PollInProgress(sid).WithTimeout();
        var stopping = host.DisposeAsync().AsTask();

        Assert.Equal((HttpStatusCode.OK, "1"), await poll);
        await stopping.WithTimeout();
        var (_, reason) = await host.Handler.Disconnects.Reader.ReadAsync().AsTask().WithTimeout();
        Assert.Equal("server shutting down", reason);
    }

    // Short enough for quick tests, long enough that a loaded 2-core machine still sends its next poll before the
    // server gives up on the session (a poll after that would meet "Session ID unknown" instead of the close).
    private static Dictionary<string, string?> Fast() => new()
    {
        ["Realtime:SocketIo:PingInterval"] = "200",
        ["Realtime:SocketIo:PingTimeout"] = "1000",
    };
}
