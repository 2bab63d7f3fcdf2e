using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Runtime;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// How a client reaches the cluster: where its calls go, how the cluster calls back into its observers,
/// and the cluster's interface-to-grain-type manifest. In-process today; TCP for remote clients.
/// Guarantees: <see cref="Outbound"/> keeps the send order of one sender to one target; while the cluster is
/// unreachable, calls fail at once with <c>SiloUnavailableException</c> (never queue silently); after a
/// reconnect, attached clients are attached again, so observer calls reach them without client code.
/// </summary>
public interface IClusterConnection
{
    IMessageSink Outbound { get; }

    IGrainTypeResolver TypeResolver { get; }

    /// <summary>Routes calls to observers hosted by <paramref name="clientId"/> to <paramref name="inbound"/>.</summary>
    void Attach(string clientId, IMessageSink inbound);

    void Detach(string clientId);
}
