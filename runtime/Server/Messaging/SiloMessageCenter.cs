using System.Collections.Concurrent;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Observers;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// Routes every message sent in or to this silo: grain targets to the catalog, observer targets to the
/// silo's own observer objects or to the connected client that hosts them. A message for an observer
/// whose host is not connected fails with <see cref="ClientNotAvailableException"/>. A grain call to a silo
/// that holds no valid membership lease (self-fenced, see <see cref="SiloLease"/>) fails at once with
/// <see cref="SiloUnavailableException"/>; calls already queued in an activation are not recalled.
/// </summary>
internal sealed class SiloMessageCenter(Catalog.Catalog catalog, ObserverRegistry localObservers, SiloLease lease) : IMessageSink
{
    private readonly ConcurrentDictionary<string, IMessageSink> _clients = new(StringComparer.Ordinal);

    public void Send(Message message)
    {
        if (!ObserverId.IsObserver(message.Target))
        {
            if (lease.TryRefuse(out var reason))
            {
                message.Response?.Fail(new SiloUnavailableException($"{reason}; {message} was not delivered."));
                return;
            }

            catalog.Send(message);
            return;
        }

        var host = ObserverId.HostOf(message.Target);
        if (host == localObservers.HostId)
        {
            localObservers.Send(message);
        }
        else if (_clients.TryGetValue(host, out var client))
        {
            client.Send(message);
        }
        else
        {
            message.Response?.Fail(new ClientNotAvailableException($"The host of observer {message.Target} is not connected."));
        }
    }

    public void AttachClient(string clientId, IMessageSink inbound) => _clients[clientId] = inbound;

    public void DetachClient(string clientId) => _clients.TryRemove(clientId, out _);

    public ICollection<string> ConnectedClients => _clients.Keys;
}
