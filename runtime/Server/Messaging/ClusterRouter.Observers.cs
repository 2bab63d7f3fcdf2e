using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Observers;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// Calls to observers hosted elsewhere. Every observer host (a connected client, or a silo's own observer registry)
/// has a directory entry <c>sys.host/{hostId}</c> naming the silo it is attached to, written when it attaches and
/// replaced when it attaches to another silo after a reconnect. A call to an observer goes to that silo, which hands
/// it to the host; a host that is gone fails the call with <see cref="ClientNotAvailableException"/>, which the caller
/// (a stream rendezvous, an observer manager) treats as "unsubscribe".
/// </summary>
internal sealed partial class ClusterRouter
{
    public const string HostGrainType = "sys.host";

    public static GrainId HostGrainId(string hostId) => new(HostGrainType, hostId);

    private static bool IsHost(GrainId id) => id.Type == HostGrainType;

    /// <summary>Routes a call to an observer whose host is not attached to this silo.</summary>
    public void RouteObserver(Message message)
    {
        var host = HostGrainId(ObserverId.HostOf(message.Target));
        if (TrySendCached(host, message))
        {
            return;
        }

        lock (_resolvingLock)
        {
            if (_resolving.TryGetValue(host, out var waiting))
            {
                waiting.Add(message);
                return;
            }

            if (!_locator.TryGetCached(host, out var cached))
            {
                StartResolving(host, message);
                return;
            }

            SendToHost(cached.SiloAddress, host, message);
        }
    }

    /// <summary>Makes this silo the place of <paramref name="hostId"/>'s observers, replacing any earlier entry.</summary>
    public async Task<GrainAddress> RegisterHostAsync(string hostId)
    {
        var local = LocalSilo ?? throw new SiloUnavailableException("The silo has not joined the cluster yet.");
        var address = new GrainAddress { GrainId = HostGrainId(hostId), SiloAddress = local, ActivationId = ActivationId.NewId() };

        // A host attaches to one silo at a time: whatever entry is there is an earlier attachment, so replace it.
        return await _locator.RegisterAsync(address, isStaleLocal: _ => true, replaceAny: true);
    }

    private void SendToHost(SiloAddress silo, GrainId host, Message message)
    {
        if (silo.Equals(LocalSilo) || _membership.Current.GetStatus(silo) == SiloStatus.Dead)
        {
            // The message center found no such host here; the entry is stale.
            _locator.Invalidate(host, silo);
            message.Response?.Fail(new ClientNotAvailableException($"The host {host.Key} of observer {message.Target} is not connected."));
            return;
        }

        _silos.Send(silo, message.Response is null ? message : new Message(message.Target, message.Request, new HostResponse(_locator, message, host, silo)));
    }

    /// <summary>Drops a stale host location on the way back; the caller sees the failure either way.</summary>
    private sealed class HostResponse(Directory.GrainLocator locator, Message original, GrainId host, SiloAddress silo) : IResponseSink
    {
        public void Complete(object? result) => original.Response!.Complete(result);

        public void Fail(Exception exception)
        {
            if (exception is ClientNotAvailableException or SiloUnavailableException)
            {
                locator.Invalidate(host, silo);
            }

            original.Response!.Fail(exception);
        }
    }
}
