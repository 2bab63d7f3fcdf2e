using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Calls in flight to a peer that goes away fail with SiloUnavailableException at once, not after the 30 s timeout.</summary>
public sealed class FailFastTests
{
    /// <summary>Well under the 30 s response timeout, loose enough for a loaded machine.</summary>
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ListenerStopping_FailsEveryPendingCall()
    {
        var acceptor = new TestAcceptor();
        var listener = await TransportTestKit.StartListenerAsync(acceptor);
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var grain = TransportTestKit.Grain(connection);
        var calls = Enumerable.Range(0, 100).Select(i => grain.Hang($"h{i}")).ToArray();
        await grain.Nothing().WithTimeout(); // every Hang request was received before this response
        Assert.Equal(100, acceptor.Handlers.Single().Target.HangingCalls);

        await listener.DisposeAsync().AsTask().WithTimeout();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(FailFast));
        }

        await connection.Completion.WithTimeout();
        Assert.False(connection.IsConnected);
    }

    [Fact]
    public async Task DisposingTheServerSideConnection_FailsCallsInBothDirections()
    {
        var acceptor = new TestAcceptor();
        await using var listener = await TransportTestKit.StartListenerAsync(acceptor);
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var serverSide = await acceptor.FirstConnected;
        var toServer = TransportTestKit.Grain(connection).Hang("a");
        var toClient = TransportTestKit.Grain(serverSide).Hang("b");
        await TransportTestKit.Grain(connection).Nothing().WithTimeout();

        await serverSide.DisposeAsync().AsTask().WithTimeout();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => toServer.WaitAsync(FailFast));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => toClient.WaitAsync(FailFast));
        Assert.Empty(listener.Connections);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RawPeerThatCloses_FailsPendingCalls(bool reset)
    {
        await using var peer = new RawPeer();
        var accepting = peer.AcceptAsync();
        var handler = new TestHandler();
        await using var connection = await TransportTestKit.ConnectAsync(peer.EndPoint, handler: handler);
        await accepting;
        var calls = Enumerable.Range(0, 10).Select(i => TransportTestKit.Grain(connection).Add(i, i)).ToArray();
        Assert.NotNull(await peer.ReadFrameAsync()); // requests are on the wire

        if (reset)
        {
            peer.Reset();
        }
        else
        {
            peer.Socket!.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        }

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(FailFast));
        }

        await handler.Closed.WithTimeout();
    }

    [Fact]
    public async Task SilentPeer_IsClosedAfterIdleTimeout_FailingPendingCalls()
    {
        var time = new FakeTimeProvider();
        await using var peer = new RawPeer();
        var accepting = peer.AcceptAsync();
        var options = new Client.Transport.TransportOptions { KeepAliveInterval = TimeSpan.FromSeconds(5), IdleTimeout = TimeSpan.FromSeconds(20) };
        await using var connection = await TransportTestKit.ConnectAsync(peer.EndPoint, options: options, time: time);
        await accepting;
        var call = TransportTestKit.Grain(connection, time).Add(1, 2);
        Assert.NotNull(await peer.ReadFrameAsync());

        time.Advance(TimeSpan.FromSeconds(21)); // past IdleTimeout, before the 30 s response timeout

        await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(FailFast));
        await connection.Completion.WithTimeout();
        Assert.False(connection.IsConnected);
    }
}
