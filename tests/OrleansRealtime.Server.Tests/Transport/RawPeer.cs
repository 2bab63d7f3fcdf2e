using System.Net;
using System.Net.Sockets;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>A hand-driven "silo" on a raw socket: answers the hello correctly, then does whatever the test says.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawPeer() => _listener.Start();

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public Socket? Socket { get; private set; }

    public NetworkStream? Stream { get; private set; }

    /// <summary>Accepts one connection, reads its hello and replies with a valid one.</summary>
    public async Task AcceptAsync()
    {
        Socket = await _listener.AcceptSocketAsync().WithTimeout();
        Stream = new NetworkStream(Socket, ownsSocket: false);
        Assert.NotNull(await TransportTestKit.ReadFrameAsync(Stream));
        await Stream.WriteAsync(TransportTestKit.HelloFrame(new HandshakeInfo(PeerRole.Silo, TransportTestKit.ClusterId, "raw", [])));
    }

    public Task<byte[]?> ReadFrameAsync() => TransportTestKit.ReadFrameAsync(Stream!);

    public async Task WriteAsync(byte[] bytes) => await Stream!.WriteAsync(bytes).AsTask().WithTimeout();

    /// <summary>Closes abruptly (RST), as a crashing process would.</summary>
    public void Reset()
    {
        Socket!.LingerState = new LingerOption(true, 0);
        Socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        Socket?.Dispose();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
