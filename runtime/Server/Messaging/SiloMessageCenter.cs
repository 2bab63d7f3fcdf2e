using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Observers;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// Routes every message sent in or to this silo. Grain targets go to the catalog, or, on a clustered silo, through
/// the <see cref="ClusterRouter"/> (local activation, directory, placement). Observer targets go to the silo's own
/// observer objects, to a client attached to this silo, or (clustered) to the silo the observer's host is attached
/// to. A message for an observer whose host is not connected fails with <see cref="ClientNotAvailableException"/>.
/// A grain call to a silo that holds no valid membership lease (self-fenced, see <see cref="SiloLease"/>) fails at
/// once with <see cref="SiloUnavailableException"/>; calls already queued in an activation are not recalled.
/// Messages from one sender to one target keep their order (see <see cref="ClusterRouter"/>).
/// </summary>
internal sealed class SiloMessageCenter(Catalog.Catalog catalog, ObserverRegistry localObservers, SiloLease lease, IServiceProvider services) : IMessageSink
{
    private readonly ConcurrentDictionary<string, IMessageSink> _clients = new(StringComparer.Ordinal);
    private ClusterRouter? _router;
    private bool _routerResolved;

    private ClusterRouter? Router
    {
        get
        {
            if (!_routerResolved)
            {
                _router = services.GetRequiredService<Hosting.ClusteringMode>().Enabled ? services.GetRequiredService<ClusterRouter>() : null;
                _routerResolved = true;
            }

            return _router;
        }
    }

    public void Send(Message message)
    {
        if (!ObserverId.IsObserver(message.Target))
        {
            if (TryRefuse(message))
            {
                return;
            }

            if (Router is { } router)
            {
                router.Route(message);
            }
            else
            {
                catalog.Send(message);
            }

            return;
        }

        if (TryDeliverToLocalHost(message))
        {
            return;
        }

        if (Router is { } cluster)
        {
            cluster.RouteObserver(message);
        }
        else
        {
            FailNoHost(message);
        }
    }

    /// <summary>Delivers an observer call to a host attached here, or fails it; never forwards it to another silo.</summary>
    public void DeliverToLocalHost(Message message)
    {
        if (!TryDeliverToLocalHost(message))
        {
            FailNoHost(message);
        }
    }

    /// <summary>True (and the call failed) when this silo must not accept grain calls now.</summary>
    public bool TryRefuse(Message message)
    {
        if (lease.TryRefuse(out var reason))
        {
            message.Response?.Fail(new SiloUnavailableException($"{reason}; {message} was not delivered."));
            return true;
        }

        return false;
    }

    public void AttachClient(string clientId, IMessageSink inbound) => _clients[clientId] = inbound;

    public void DetachClient(string clientId) => _clients.TryRemove(clientId, out _);

    /// <summary>Detaches the client only if it is still attached through <paramref name="connection"/> (it may have reconnected).</summary>
    public void DetachClient(string clientId, MessageConnection connection)
    {
        if (_clients.TryGetValue(clientId, out var sink) && sink is ClientConnectionHandler.ConnectionSink { } attached && ReferenceEquals(attached.Connection, connection))
        {
            _clients.TryRemove(KeyValuePair.Create(clientId, sink));
        }
    }

    public ICollection<string> ConnectedClients => _clients.Keys;

    private bool TryDeliverToLocalHost(Message message)
    {
        var host = ObserverId.HostSpanOf(message.Target);
        if (host.SequenceEqual(localObservers.HostId))
        {
            localObservers.Send(message);
            return true;
        }

        if (_clients.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(host, out var client))
        {
            client.Send(message);
            return true;
        }

        return false;
    }

    private static void FailNoHost(Message message) =>
        message.Response?.Fail(new ClientNotAvailableException($"The host of observer {message.Target} is not connected."));
}
