using System.Net.Sockets;
using System.Text;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Broken peers lose their connection (with a Refused frame where possible); the listener keeps serving good ones.</summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string, byte[]> BadFirstBytes => new()
    {
        { "oversize length prefix", [0xFF, 0xFF, 0xFF, 0x7F, 1] },
        { "negative length prefix", [0xFF, 0xFF, 0xFF, 0xFF] },
        { "unknown frame type", [1, 0, 0, 0, 99] },
        { "garbage before hello", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n") },
        { "truncated hello", [3, 0, 0, 0, 1, 1, 1] },
        { "request before hello", [9, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(BadFirstBytes))]
    public async Task BadFirstFrame_IsRefusedAndClosed_AndTheListenerKeepsAccepting(string what, byte[] bytes)
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        using var raw = new TcpClient();
        await raw.ConnectAsync(listener.SiloEndPoint).WithTimeout();
        var stream = raw.GetStream();

        await stream.WriteAsync(bytes).AsTask().WithTimeout();
        var received = await TransportTestKit.ReadToEndAsync(stream);

        Assert.True(TransportTestKit.RefusedReason(received) is not null, $"{what}: expected a Refused frame");
        await AssertStillServesAsync(listener);
    }

    [Fact]
    public async Task WrongClusterId_IsRefused_WithAReason()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());

        var ex = await Assert.ThrowsAsync<SiloUnavailableException>(() => TransportTestKit.ConnectAsync(listener.SiloEndPoint, TransportTestKit.Hello(clusterId: "other-cluster")));

        Assert.Contains("refused", ex.Message);
        Assert.Contains("other-cluster", ex.Message);
        await AssertStillServesAsync(listener);
    }

    [Fact]
    public async Task WrongRole_OnEitherPort_IsRefused()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());

        await Assert.ThrowsAsync<SiloUnavailableException>(() => TransportTestKit.ConnectAsync(listener.SiloEndPoint, TransportTestKit.Hello(PeerRole.Client)));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => TransportTestKit.ConnectAsync(listener.GatewayEndPoint!, TransportTestKit.Hello(PeerRole.Silo)));

        await using var client = await TransportTestKit.ConnectAsync(listener.GatewayEndPoint!, TransportTestKit.Hello(PeerRole.Client));
        Assert.Equal(3, await TransportTestKit.Grain(client).Add(1, 2).WithTimeout());
    }

    [Fact]
    public async Task NothingListening_FailsWithSiloUnavailable_NamingTheEndpoint()
    {
        var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        var endpoint = listener.SiloEndPoint;
        await listener.DisposeAsync();

        var ex = await Assert.ThrowsAsync<SiloUnavailableException>(() => TransportTestKit.ConnectAsync(endpoint));

        Assert.Contains(endpoint.ToString(), ex.Message);
    }

    [Theory]
    [InlineData("oversize length prefix")]
    [InlineData("unknown frame type")]
    [InlineData("truncated request")]
    public async Task ServerSendingGarbage_AfterTheHandshake_FailsPendingCalls(string what)
    {
        await using var peer = new RawPeer();
        var accepting = peer.AcceptAsync();
        var handler = new TestHandler();
        await using var connection = await TransportTestKit.ConnectAsync(peer.EndPoint, handler: handler);
        await accepting;
        var call = TransportTestKit.Grain(connection).Add(1, 2);
        Assert.NotNull(await peer.ReadFrameAsync());

        await peer.WriteAsync(what switch
        {
            "oversize length prefix" => [0xFF, 0xFF, 0xFF, 0x7F],
            "unknown frame type" => [1, 0, 0, 0, 200],
            _ => [3, 0, 0, 0, 3, 1, 2],
        });

        await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WithTimeout());
        Assert.NotNull(await handler.Closed.WithTimeout());
    }

    private static async Task AssertStillServesAsync(Server.Transport.TransportListener listener)
    {
        await using var good = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        Assert.Equal(3, await TransportTestKit.Grain(good).Add(1, 2).WithTimeout());
    }
}
