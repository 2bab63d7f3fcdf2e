using System.Collections.Concurrent;
using System.Net;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Transport;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Accepts peers of <see cref="TransportTestKit.ClusterId"/>, each with its own <see cref="TestHandler"/>.</summary>
public sealed class TestAcceptor : IConnectionAcceptor
{
    private readonly TaskCompletionSource<MessageConnection> _firstConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<TestHandler> Handlers { get; } = new();

    public Task<MessageConnection> FirstConnected => _firstConnected.Task.WithTimeout();

    public (HandshakeInfo Reply, IInboundMessageHandler Handler)? Accept(HandshakeInfo remote, EndPoint? remoteEndPoint)
    {
        if (remote.ClusterId != TransportTestKit.ClusterId)
        {
            return null;
        }

        var handler = new TestHandler();
        Handlers.Enqueue(handler);
        return (new HandshakeInfo(PeerRole.Silo, TransportTestKit.ClusterId, "silo-under-test", [9]), handler);
    }

    public void OnConnected(MessageConnection connection) => _firstConnected.TrySetResult(connection);
}
