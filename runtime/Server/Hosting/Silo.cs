using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Client.Observers;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Membership;
using OrleansRealtime.Server.Messaging;
using OrleansRealtime.Server.Reminders;
using OrleansRealtime.Server.Transport;

namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// The silo's lifecycle on the generic host. Start: idle collection and reminders begin (grains activate on
/// demand). Stop: reminders stop, new calls are refused with <c>SiloUnavailableException</c>, and every
/// activation is deactivated (its running turns finish, <c>OnDeactivateAsync</c> runs, which is where
/// grains flush state), bounded by <see cref="GrainCollectionOptions.ShutdownTimeout"/>.
/// With a membership table the silo also joins the cluster: its row is <c>Joining</c> before anything else
/// starts and <c>Active</c> once everything has; a stop writes <c>ShuttingDown</c> first and <c>Dead</c> last.
/// </summary>
public sealed partial class Silo : IHostedService
{
    private readonly Catalog.Catalog _catalog;
    private readonly ActivationCollector _collector;
    private readonly ReminderService _reminders;
    private readonly SiloMessageCenter _messageCenter;
    private readonly ObserverRegistry _observers;
    private readonly MembershipAgent? _membership;
    private readonly SiloTransport? _transport;
    private readonly ClusterRouter? _router;
    private readonly MembershipGossip? _gossip;
    private readonly GrainCollectionOptions _collection;
    private readonly ILogger<Silo> _logger;

    internal Silo(Catalog.Catalog catalog, ActivationCollector collector, ReminderService reminders, SiloMessageCenter messageCenter, ObserverRegistry observers, MembershipAgent? membership, SiloTransport? transport, ClusterRouter? router, MembershipGossip? gossip, IOptions<GrainCollectionOptions> collection, IOptions<SiloOptions> options, ILogger<Silo> logger)
    {
        _membership = membership;
        _transport = transport;
        _router = router;
        _gossip = gossip;
        _catalog = catalog;
        _collector = collector;
        _reminders = reminders;
        _messageCenter = messageCenter;
        _observers = observers;
        _collection = collection.Value;
        _logger = logger;
        Name = options.Value.SiloName;
    }

    public string Name { get; }

    public SiloStatus Status { get; private set; } = SiloStatus.Created;

    /// <summary>Activations currently in this silo.</summary>
    public int ActivationCount => _catalog.ActivationCount;

    /// <summary>Runs one idle-collection pass now (normally every collection quantum).</summary>
    public int CollectIdleActivations() => _collector.Collect();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Status = SiloStatus.Starting;
        if (_membership is not null)
        {
            if (_transport is not null)
            {
                // Bind first, so the membership row carries the ports actually bound.
                var listening = await _transport.StartAsync(await _membership.ResolveAddressAsync(cancellationToken), cancellationToken);
                try
                {
                    await _membership.JoinAsync(cancellationToken, listening);
                }
                catch
                {
                    await _transport.DisposeAsync();
                    throw;
                }
            }
            else
            {
                await _membership.JoinAsync(cancellationToken);
            }
        }

        _collector.Start();
        try
        {
            await _reminders.StartAsync(cancellationToken);
            if (_router is not null)
            {
                // The silo's own observers (observer managers, a co-hosted gateway's streams) are found through the directory too.
                foreach (var host in _messageCenter.ConnectedClients.Append(_observers.HostId).ToArray())
                {
                    await _router.RegisterHostAsync(host);
                }
            }

            if (_membership is not null)
            {
                await _membership.BecomeActiveAsync(cancellationToken);
            }

            if (_gossip is not null)
            {
                await _gossip.NotifyOthersAsync();
            }
        }
        catch
        {
            _collector.Dispose();
            await _reminders.DisposeAsync();
            if (_transport is not null)
            {
                await _transport.DisposeAsync();
            }

            if (_membership is not null)
            {
                await _membership.LeaveAsync(CancellationToken.None);
            }

            throw;
        }

        Status = SiloStatus.Active;
        LogStarted(_logger, Name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Status = SiloStatus.Stopping;
        if (_membership is not null)
        {
            await _membership.ShutDownAsync(cancellationToken);
        }

        if (_gossip is not null)
        {
            // Others stop placing grains here now, not at their next table refresh.
            await _gossip.NotifyOthersAsync();
        }

        await _reminders.DisposeAsync();
        _collector.Dispose();
        await _catalog.DeactivateAllAsync(_collection.ShutdownTimeout);
        foreach (var client in _messageCenter.ConnectedClients.ToArray())
        {
            _messageCenter.DetachClient(client);
        }

        _observers.Clear();
        if (_transport is not null)
        {
            await _transport.StopAsync(cancellationToken);
        }

        if (_membership is not null)
        {
            await _membership.LeaveAsync(cancellationToken);
        }

        Status = SiloStatus.Stopped;
        LogStopped(_logger, Name);
    }

    /// <summary>
    /// What a killed process leaves behind, for test clusters: heartbeats stop without a word to the table (the row
    /// stays Active until another silo declares it dead), every connection drops at once (so callers fail fast), and
    /// activations vanish without <c>OnDeactivateAsync</c> (unflushed state is lost) or directory clean-up.
    /// </summary>
    internal async Task KillAsync()
    {
        Status = SiloStatus.Stopping;
        if (_membership is not null)
        {
            await _membership.DisposeAsync();
        }

        _catalog.Abandon();
        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }

        await _reminders.DisposeAsync();
        _collector.Dispose();
        Status = SiloStatus.Stopped;
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Silo {SiloName} is active")]
    private static partial void LogStarted(ILogger logger, string siloName);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Silo {SiloName} stopped; all activations deactivated")]
    private static partial void LogStopped(ILogger logger, string siloName);
}
