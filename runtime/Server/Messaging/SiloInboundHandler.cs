using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Observers;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// Calls arriving from other silos (on connections they opened, or on this silo's own connections to them). Grain
/// calls go to <see cref="ClusterRouter.Receive"/>, which runs them here or redirects the sender; observer calls are
/// for hosts attached to this silo and are never forwarded further (a host that moved fails the call, and the sender
/// looks the host up again).
/// </summary>
internal sealed class SiloInboundHandler(SiloMessageCenter center, ClusterRouter router) : IInboundMessageHandler
{
    public void OnRequest(MessageConnection connection, Message message)
    {
        if (ObserverId.IsObserver(message.Target))
        {
            center.DeliverToLocalHost(message);
        }
        else if (center.TryRefuse(message))
        {
            return;
        }
        else
        {
            router.Receive(message);
        }
    }

    public void OnClosed(MessageConnection connection, Exception? error)
    {
    }
}
