using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Client.Management;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Directory;
using OrleansRealtime.Server.Membership;
using OrleansRealtime.Server.Placement;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// Where a grain call goes in a cluster: to the local activation, to the silo the directory (or its cache) names, or,
/// for a grain with no activation anywhere, to the silo placement picks. Registered only on clustered silos (a
/// membership table and a grain directory); a single silo sends everything to its catalog.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Calls from one sender to one grain keep their send order: while a grain's location is being
/// looked up, later calls to it queue behind the first, and the queue is flushed in order under the same lock that
/// publishes the answer, so no later call can overtake it.</para>
/// <para><b>Stale locations.</b> A silo that receives a call for a grain it does not host, while it knows the grain
/// lives elsewhere, answers with a redirect; the calling silo corrects its cache and sends again, at most
/// <see cref="MessagingOptions.MaxForwardCount"/> times. A silo that knows nothing better activates the grain itself;
/// the directory's first-insert-wins register then decides, and a losing activation hands its queued calls to the
/// winner (<see cref="Relocate"/>).</para>
/// <para><b>Failures.</b> A call to a silo that cannot be reached, or that dies while the call is in flight, fails at
/// once with <see cref="SiloUnavailableException"/> (never retried: the call may have run). A failed directory lookup
/// fails the calls waiting on it with the directory's exception.</para>
/// </remarks>
internal sealed partial class ClusterRouter
{
    private readonly object _resolvingLock = new();
    private readonly Dictionary<GrainId, List<Message>> _resolving = [];

    /// <summary>
    /// Lookups in flight, from the moment calls start to queue until they are flushed. While it is zero no call can be
    /// waiting, so a call to a cached location is sent without <see cref="_resolvingLock"/> (see <see cref="TrySendCached"/>).
    /// </summary>
    private volatile int _resolvingCount;
    private readonly Catalog.Catalog _catalog;
    private readonly GrainLocator _locator;
    private readonly PlacementDirector _placement;
    private readonly IClusterMembership _membership;
    private readonly SiloConnectionPool _silos;
    private readonly ILogger _logger;
    private readonly int _maxForwardCount;

    public ClusterRouter(Catalog.Catalog catalog, GrainLocator locator, PlacementDirector placement, IClusterMembership membership, SiloConnectionPool silos, IOptions<MessagingOptions> messaging, ILogger<ClusterRouter> logger)
    {
        _catalog = catalog;
        _locator = locator;
        _placement = placement;
        _membership = membership;
        _silos = silos;
        _logger = logger;
        _maxForwardCount = messaging.Value.MaxForwardCount;
    }

    public GrainLocator Locator => _locator;

    /// <summary>This silo, once it has joined.</summary>
    public SiloAddress? LocalSilo => _membership.LocalSilo;

    /// <summary>Routes a grain call made in this silo or by one of its clients.</summary>
    public void Route(Message message)
    {
        var target = message.Target;
        if (_catalog.TryGet(target, out var activation) && activation.AcceptsCalls)
        {
            _catalog.Send(message);
            return;
        }

        if (target.Type == SiloControl.GrainType)
        {
            // Management calls go to the silo their key names, never placed and never redirected.
            if (SiloAddress.TryParse(target.Key, out var named))
            {
                SendTo(named, message);
            }
            else
            {
                message.Response?.Fail(new ArgumentException($"'{target.Key}' is not a silo address; a silo control grain is keyed by 'address:port@generation'."));
            }

            return;
        }

        if (TrySendCached(target, message))
        {
            return;
        }

        lock (_resolvingLock)
        {
            if (_resolving.TryGetValue(target, out var waiting))
            {
                waiting.Add(message);
                return;
            }

            if (!_locator.TryGetCached(target, out var cached))
            {
                StartResolving(target, message);
                return;
            }

            SendTo(cached.SiloAddress, message);
        }
    }

    /// <summary>
    /// The common case without the router-wide lock: no lookup is in flight anywhere (so no earlier call of this sender
    /// can be queued behind one) and the location is cached. Every silo-to-silo call used to take the lock and serialize
    /// its arguments inside it.
    /// </summary>
    private bool TrySendCached(GrainId target, Message message)
    {
        if (_resolvingCount != 0 || !_locator.TryGetCached(target, out var cached))
        {
            return false;
        }

        if (IsHost(target))
        {
            SendToHost(cached.SiloAddress, target, message);
        }
        else
        {
            SendTo(cached.SiloAddress, message);
        }

        return true;
    }

    /// <summary>Queues the first call for <paramref name="target"/> and looks it up; under <see cref="_resolvingLock"/>.</summary>
    private void StartResolving(GrainId target, Message message)
    {
        _resolving[target] = [message];
        _resolvingCount++;
        _ = ResolveAsync(target);
    }

    /// <summary>Takes a grain call another silo sent here, because it believes the grain lives here or placed it here.</summary>
    public void Receive(Message message)
    {
        message.RedirectAllowed = true;
        var target = message.Target;
        if (_catalog.TryGet(target, out var activation) && activation.AcceptsCalls)
        {
            _catalog.Send(message);
        }
        else if (_locator.TryGetCached(target, out var cached) && !cached.ActivationId.IsDefault && !cached.SiloAddress.Equals(LocalSilo))
        {
            Redirect(message, cached);
        }
        else
        {
            _catalog.Send(message);
        }
    }

    /// <summary>A local activation lost the directory to <paramref name="winner"/>; its queued call goes there.</summary>
    public void Relocate(Message message, GrainAddress winner)
    {
        if (message.RedirectAllowed)
        {
            Redirect(message, winner);
        }
        else
        {
            Forward(message, winner.SiloAddress);
        }
    }

    public GrainAddress CreateAddress(ActivationData activation) => new()
    {
        GrainId = activation.GrainId,
        SiloAddress = LocalSilo ?? throw new SiloUnavailableException($"The silo has not joined the cluster yet; {activation.GrainId} cannot activate."),
        ActivationId = activation.ActivationId,
    };

    public Task<GrainAddress> RegisterActivationAsync(GrainAddress address) =>
        _locator.RegisterAsync(address, IsStaleLocal);

    public Task UnregisterActivationAsync(GrainAddress address) => _locator.UnregisterAsync(address);

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="silo"/> (which may be this one). A reply that the grain is
    /// elsewhere re-routes the call; a silo shown dead is not tried.
    /// </summary>
    internal void SendTo(SiloAddress silo, Message message)
    {
        if (silo.Equals(LocalSilo))
        {
            _catalog.Send(message);
            return;
        }

        if (_membership.Current.GetStatus(silo) == SiloStatus.Dead)
        {
            if (message.Target.Type == SiloControl.GrainType)
            {
                message.Response?.Fail(new SiloUnavailableException($"Silo {silo} is dead; {message} was not sent."));
                return;
            }

            _locator.Invalidate(message.Target, silo);
            Forward(message, null);
            return;
        }

        _silos.Send(silo, message.Response is null ? message : WithRedirects(message, silo));
    }

    private bool IsStaleLocal(GrainAddress entry) =>
        !(_catalog.TryGet(entry.GrainId, out var activation) && activation.ActivationId == entry.ActivationId && activation.AcceptsCalls);

    private Message WithRedirects(Message message, SiloAddress silo) =>
        new(message.Target, message.Request, new RoutedResponse(this, message, silo)) { ForwardCount = message.ForwardCount };

    /// <summary>Tells the calling silo where the grain is, so it corrects its cache; a one-way call is forwarded instead.</summary>
    private void Redirect(Message message, GrainAddress winner)
    {
        if (message.Response is { } response)
        {
            response.Fail(new GrainRedirectException(winner));
        }
        else
        {
            Forward(message, winner.SiloAddress);
        }
    }

    /// <summary>Routes a call again (to <paramref name="silo"/>, or by lookup when null), counting it against the forward budget.</summary>
    internal void Forward(Message message, SiloAddress? silo)
    {
        if (++message.ForwardCount > _maxForwardCount)
        {
            message.Response?.Fail(new RealtimeException($"{message} was re-routed {message.ForwardCount} times while its grain kept moving."));
            return;
        }

        if (silo is null)
        {
            Route(message);
        }
        else
        {
            SendTo(silo, message);
        }
    }

    private async Task ResolveAsync(GrainId target)
    {
        SiloAddress? silo = null;
        Exception? failure = null;
        try
        {
            var local = LocalSilo ?? throw new SiloUnavailableException($"The silo has not joined the cluster yet; calls to {target} cannot be routed.");
            var entry = await _locator.LookupAsync(target);
            if (entry is not null)
            {
                silo = entry.SiloAddress;
            }
            else if (IsHost(target))
            {
                failure = new ClientNotAvailableException($"The host {target.Key} of an observer is not connected to any silo.");
            }
            else
            {
                silo = _locator.CachePlacement(target, _placement.Choose(target, local, _membership.Current.ActiveSilos)).SiloAddress;
            }
        }
        catch (Exception ex)
        {
            LogResolveFailed(_logger, ex, target.ToString());
            failure = ex;
        }

        lock (_resolvingLock)
        {
            _resolving.Remove(target, out var waiting);
            try
            {
                foreach (var message in waiting!)
                {
                    if (silo is null)
                    {
                        message.Response?.Fail(failure!);
                    }
                    else if (IsHost(target))
                    {
                        SendToHost(silo, target, message);
                    }
                    else
                    {
                        SendTo(silo, message);
                    }
                }
            }
            finally
            {
                // Only after the flush: a call that skips the lock must not overtake the ones queued here.
                _resolvingCount--;
            }
        }
    }

    [LoggerMessage(EventId = 1951, Level = LogLevel.Warning, Message = "Could not locate {GrainId}; the calls waiting for it fail")]
    private static partial void LogResolveFailed(ILogger logger, Exception exception, string grainId);
}
