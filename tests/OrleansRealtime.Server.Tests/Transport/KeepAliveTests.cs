using System.Net.Sockets;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Client.Transport.Internal;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Pings keep a live but quiet connection open; a peer that sends nothing at all is closed after IdleTimeout.</summary>
public sealed class KeepAliveTests
{
    [Fact]
    public async Task Pings_KeepAQuietConnectionOpen_PastIdleTimeout()
    {
        var time = new FakeTimeProvider();
        var acceptor = new TestAcceptor();
        await using var listener = await TransportTestKit.StartListenerAsync(acceptor, time: time);
        await using var client = await TransportTestKit.ConnectAsync(listener.SiloEndPoint, time: time);
        var server = await acceptor.FirstConnected;

        for (int round = 0; round < 5; round++)
        {
            var clientPong = Received(client, FrameType.Pong);
            var serverPong = Received(server, FrameType.Pong);
            time.Advance(TimeSpan.FromSeconds(5));
            time.Advance(TimeSpan.FromSeconds(5)); // 10 s of send-idleness: both sides ping, both answer

            await Task.WhenAll(clientPong, serverPong).WithTimeout();
        }

        // 50 s without a single request, past the 30 s IdleTimeout.
        Assert.True(client.IsConnected);
        Assert.True(server.IsConnected);
        Assert.Equal(3, await TransportTestKit.Grain(client, time).Add(1, 2).WithTimeout());
    }

    [Fact]
    public async Task SilentPeer_IsClosedByTheListener_AfterIdleTimeout()
    {
        var time = new FakeTimeProvider();
        var acceptor = new TestAcceptor();
        await using var listener = await TransportTestKit.StartListenerAsync(acceptor, time: time);
        using var raw = new TcpClient();
        await raw.ConnectAsync(listener.SiloEndPoint).WithTimeout();
        var stream = raw.GetStream();
        await stream.WriteAsync(TransportTestKit.HelloFrame(TransportTestKit.Hello()));
        Assert.NotNull(await TransportTestKit.ReadFrameAsync(stream)); // the reply
        var server = await acceptor.FirstConnected;

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(server.IsConnected);
        time.Advance(TimeSpan.FromSeconds(2));

        await server.Completion.WithTimeout();
        await TransportTestKit.ReadToEndAsync(stream); // pings, then the end of the stream
        Assert.Empty(listener.Connections);
    }

    private static Task Received(MessageConnection connection, FrameType type)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFrame(FrameType t)
        {
            if (t == type)
            {
                connection.KeepAliveReceived -= OnFrame;
                received.TrySetResult();
            }
        }

        connection.KeepAliveReceived += OnFrame;
        return received.Task;
    }
}
