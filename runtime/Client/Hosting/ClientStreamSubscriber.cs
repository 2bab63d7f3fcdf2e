using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// The client's side of stream subscriptions: one consumer object for all of them, and a renewal loop that
/// extends every lease each <see cref="ClientStreamOptions.RenewalPeriod"/>. A lease the rendezvous already
/// dropped (for example after the client was cut off for longer than the lease) is registered again under
/// the same id, so the subscriber keeps its handle.
/// </summary>
internal sealed partial class ClientStreamSubscriber : IStreamSubscriber, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, (string Provider, StreamId Stream)> _subscriptions = new();
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;
    private readonly ClientStreamOptions _options;
    private readonly ITimer _renewal;
    private readonly SemaphoreSlim _renewing = new(1, 1);

    public ClientStreamSubscriber(GrainId consumerId, StreamConsumerTable consumers, IGrainFactory grains, IOptions<ClientStreamOptions> options, TimeProvider time, ILogger<ClientStreamSubscriber> logger)
    {
        ConsumerId = consumerId;
        Consumers = consumers;
        _grains = grains;
        _logger = logger;
        _options = options.Value;
        _renewal = time.CreateTimer(static s => _ = ((ClientStreamSubscriber)s!).RenewAsync(waitForRunning: false), this, _options.RenewalPeriod, _options.RenewalPeriod);
    }

    public GrainId ConsumerId { get; }

    public StreamConsumerTable Consumers { get; }

    public TimeSpan? Lease => _options.SubscriptionLease;

    public bool TryGetImplicitSubscription(string providerName, StreamId streamId, out Guid subscriptionId)
    {
        subscriptionId = default;
        return false;
    }

    public void OnSubscribed(string providerName, StreamId streamId, Guid subscriptionId) =>
        _subscriptions[subscriptionId] = (providerName, streamId);

    public void OnUnsubscribed(Guid subscriptionId) => _subscriptions.TryRemove(subscriptionId, out _);

    /// <summary>
    /// Renews every lease once. A timer tick that finds a renewal still running is skipped; an explicit call
    /// (<paramref name="waitForRunning"/>) waits for it and then renews, so it always renews after it was called.
    /// </summary>
    internal async Task RenewAsync(bool waitForRunning)
    {
        if (waitForRunning)
        {
            await _renewing.WaitAsync();
        }
        else if (!_renewing.Wait(0))
        {
            return;
        }

        try
        {
            foreach (var (id, (provider, stream)) in _subscriptions)
            {
                try
                {
                    var rendezvous = _grains.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous(provider, stream));
                    if (!await rendezvous.RenewLeaseAsync(id) && _subscriptions.ContainsKey(id))
                    {
                        // Dropped while we were cut off (and not unsubscribed meanwhile): take it back.
                        await rendezvous.RegisterAsync(new StreamSubscriptionRecord(id, ConsumerId, Lease));
                    }
                }
                catch (Exception ex)
                {
                    LogRenewalFailed(_logger, ex, stream.ToString());
                }
            }
        }
        finally
        {
            _renewing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync();

        // Let a running renewal round finish, so it cannot register again what is released below.
        await _renewing.WaitAsync();
        foreach (var (id, (provider, stream)) in _subscriptions)
        {
            try
            {
                await _grains.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous(provider, stream)).UnregisterAsync(id);
            }
            catch (Exception ex)
            {
                // The lease expires on its own; unsubscribing is only a courtesy on the way out.
                LogRenewalFailed(_logger, ex, stream.ToString());
            }
        }

        _subscriptions.Clear();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not renew or release the stream lease on {Stream}; will retry")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string stream);
}
