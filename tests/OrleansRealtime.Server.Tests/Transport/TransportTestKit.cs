using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Client.Transport.Internal;
using OrleansRealtime.Server.Transport;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Listeners and connections on 127.0.0.1 with ephemeral ports, a serializer, and raw-socket helpers.</summary>
public static class TransportTestKit
{
    public const string ClusterId = "transport-tests";

    public static readonly RealtimeSerializer Serializer = new(new NoReferences());

    public static HandshakeInfo Hello(PeerRole role = PeerRole.Silo, string clusterId = ClusterId) =>
        new(role, clusterId, $"{role}-{Guid.NewGuid():N}", [1, 2, 3]);

    public static async Task<TransportListener> StartListenerAsync(
        TestAcceptor acceptor, TransportOptions? options = null, TimeProvider? time = null, int gatewayPort = TransportListener.EphemeralGatewayPort)
    {
        var listener = new TransportListener(IPAddress.Loopback, 0, gatewayPort, acceptor, Serializer, options ?? new TransportOptions(), time ?? TimeProvider.System, NullLoggerFactory.Instance);
        await listener.StartAsync(CancellationToken.None).WithTimeout();
        return listener;
    }

    public static Task<MessageConnection> ConnectAsync(IPEndPoint endpoint, HandshakeInfo? hello = null, TransportOptions? options = null, TimeProvider? time = null, IInboundMessageHandler? handler = null) =>
        MessageConnector.ConnectAsync(endpoint, hello ?? Hello(), Serializer, handler ?? new TestHandler(), options ?? new TransportOptions(), time ?? TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None).WithTimeout();

    /// <summary>A grain reference whose calls go over <paramref name="connection"/>, through the ordinary call invoker (with its 30 s timeout).</summary>
    public static ITransportTestGrain Grain(MessageConnection connection, TimeProvider? time = null, string key = "k") =>
        (ITransportTestGrain)GrainInterfaceRegistry.CreateReference(
            typeof(ITransportTestGrain),
            new GrainId("test.transport", key),
            new GrainCallInvoker(Serializer, connection, time ?? TimeProvider.System, Options.Create(new MessagingOptions())));

    /// <summary>Frames as the real encoder writes them, for raw peers.</summary>
    internal static byte[] Frame(OutboundFrame frame)
    {
        var bytes = frame.Span.ToArray();
        frame.Return();
        return bytes;
    }

    public static byte[] HelloFrame(HandshakeInfo info) => Frame(FrameCodec.Hello(info));

    /// <summary>Reads one whole frame (prefix included) from a raw socket; null at end of stream.</summary>
    public static async Task<byte[]?> ReadFrameAsync(NetworkStream stream)
    {
        var prefix = new byte[4];
        if (!await ReadExactlyOrEndAsync(stream, prefix))
        {
            return null;
        }

        var body = new byte[BinaryPrimitives.ReadInt32LittleEndian(prefix)];
        return await ReadExactlyOrEndAsync(stream, body) ? [.. prefix, .. body] : null;
    }

    /// <summary>Reads until the peer closes (or resets); returns what arrived. Fails the test if it stays open.</summary>
    public static async Task<byte[]> ReadToEndAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var chunk = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(chunk).AsTask().WithTimeout()) > 0)
            {
                received.Write(chunk, 0, n);
            }
        }
        catch (IOException)
        {
            // Reset by the peer: closed too.
        }

        return received.ToArray();
    }

    /// <summary>The reason of the first frame when it is a Refused frame, else null.</summary>
    public static string? RefusedReason(byte[] received)
    {
        if (received.Length < 5 || received[4] != (byte)FrameType.Refused)
        {
            return null;
        }

        var reader = new FrameReader(received.AsSpan(5, BinaryPrimitives.ReadInt32LittleEndian(received) - 1));
        return reader.ReadString();
    }

    private static async Task<bool> ReadExactlyOrEndAsync(NetworkStream stream, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(read)).AsTask().WithTimeout();
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private sealed class NoReferences : IGrainReferenceFactory
    {
        public GrainReference CreateReference(GrainId grainId, Type interfaceType) => throw new NotSupportedException();
    }
}
