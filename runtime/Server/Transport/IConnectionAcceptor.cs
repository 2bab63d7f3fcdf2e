using System.Net;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Transport;

/// <summary>
/// Decides about each inbound connection of a <see cref="TransportListener"/>, after its hello was read and its
/// role matched the port. Called concurrently for different connections; each call must be quick (it runs before
/// the peer gets its reply, bounded by nothing but the peer's handshake timeout).
/// </summary>
public interface IConnectionAcceptor
{
    /// <summary>
    /// Returns the reply hello plus the handler for the connection's requests, or null to refuse it (wrong
    /// cluster id, a stopping silo…). A refused peer gets a Refused frame naming its role, id and cluster, and
    /// the connection closes; its connector throws <c>SiloUnavailableException</c>. Throwing refuses too.
    /// </summary>
    (HandshakeInfo Reply, IInboundMessageHandler Handler)? Accept(HandshakeInfo remote, EndPoint? remoteEndPoint);

    /// <summary>
    /// The reply was written and the connection is live; called before any of the peer's requests reaches the
    /// handler, so the connection can be registered first. Called once per accepted connection.
    /// </summary>
    void OnConnected(MessageConnection connection);
}
