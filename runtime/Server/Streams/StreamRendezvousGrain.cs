using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Server.Streams;

/// <summary>
/// Orders one stream. Publishes run one at a time (<see cref="_publishing"/>), so sequence numbers and
/// delivery order are the same for every subscriber. The grain is reentrant so that a consumer activated by
/// a delivery can read or change its subscriptions (typically in <c>OnActivateAsync</c>) while that delivery
/// is in flight; changes to the subscription list and its writes are serialized by <see cref="_writing"/>,
/// and a publish delivers to a snapshot of the list. Sequence numbers restart at 1 in each epoch.
/// Subscriptions are persisted in the <c>PubSubStore</c> storage, so they survive deactivation and silo
/// restarts. A client subscription is dropped when its lease runs out or an awaited delivery says its client is
/// gone; a failing grain subscriber is logged and kept. Deliveries are awaited, except to clients when
/// <see cref="StreamOptions.ClientConfirmationInterval"/> is positive: then one-way between two awaited ones, which
/// saves the answer's round trip per item; the consumer table keeps a subscription's items in order either way.
/// <para>
/// The recent items of the epoch are kept in memory (<see cref="StreamHistory"/>, bounded by
/// <see cref="StreamOptions"/>). A publish numbers its item, appends it to the history and takes the
/// subscriber snapshot in one synchronous step, before any delivery: a subscription registered after that
/// snapshot finds the item in the history, one registered before it gets it live.
/// </para>
/// <para>
/// Without a stream log (<see cref="IStreamLog"/>) the history dies with the activation, so each activation
/// starts a new epoch, greater than any earlier one (persisted), and a read across the change is refused
/// rather than gapped. With a log, an activation continues the epoch and sequence the log holds, and durable
/// items are appended to the log before they are numbered visibly, kept and delivered (see the
/// <c>StreamRendezvousGrain.Log.cs</c> part); a new epoch starts only when the log lost the stream.
/// </para>
/// </summary>
[GrainType("sys.stream")]
[Reentrant]
internal sealed partial class StreamRendezvousGrain(
    [PersistentState("stream", StorageResolver.PubSubStoreName)] IPersistentState<StreamRendezvousState> state,
    ImplicitStreamSubscriberTable implicitSubscribers,
    IOptions<StreamOptions> options,
    TimeProvider time,
    IEnumerable<IStreamLog> logs,
    ILogger<StreamRendezvousGrain> logger) : Grain, IStreamRendezvousGrain
{
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly RecentPublications _recent = new(options.Value.DeduplicationCapacity);
    private readonly StreamHistory _history = new(options.Value.HistoryCapacity, options.Value.HistoryMaxAge);
    private readonly IStreamLog? _log = logs.LastOrDefault();

    /// <summary>
    /// When each client subscription last confirmed an awaited delivery (<see cref="TimeProvider.GetTimestamp"/>); its
    /// items go one-way until <see cref="StreamOptions.ClientConfirmationInterval"/> has passed since. Touched only in
    /// the publishing turn and by subscription changes, which the activation's scheduler runs one step at a time.
    /// </summary>
    private readonly Dictionary<Guid, long> _confirmed = [];
    private readonly TimeSpan _confirmationInterval = options.Value.ClientConfirmationInterval;
    private string _provider = string.Empty;
    private StreamId _streamId;
    private long _epoch;
    private long _sequence;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var parts = GrainId.Key.Split('/', 3);
        if (parts.Length != 3)
        {
            throw new ArgumentException($"'{GrainId.Key}' is not a stream key ('provider/namespace/key').");
        }

        _provider = parts[0];
        _streamId = new StreamId(parts[1], parts[2]);
        if (_log is null)
        {
            await StartNewEpochAsync();
        }
        else
        {
            await ActivateFromLogAsync(cancellationToken);
        }
    }

    /// <summary>An epoch greater than any earlier one of this stream, persisted before anything is numbered in it.</summary>
    private async Task StartNewEpochAsync()
    {
        _epoch = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), state.State.LastEpoch + 1);
        state.State.LastEpoch = _epoch;
        await state.WriteStateAsync();
    }

    public Task<StreamSequenceToken> PublishAsync(StreamPublication publication) =>
        _recent.TryGet(publication.PublicationId, out var first) ? Task.FromResult(first)
        : _log is null ? PublishUnloggedAsync(publication) : PublishLoggedAsync(publication);

    private async Task<StreamSequenceToken> PublishUnloggedAsync(StreamPublication publication)
    {
        await _publishing.WaitAsync();
        try
        {
            if (_recent.TryGet(publication.PublicationId, out var first))
            {
                return first;
            }

            var token = new StreamSequenceToken(_sequence + 1, _epoch);
            await OfferAsync(publication, token);
            return token;
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>
    /// Makes <paramref name="token"/> the stream's position and delivers the item. Callers hold
    /// <see cref="_publishing"/>, and the token is the next one.
    /// </summary>
    private async Task OfferAsync(StreamPublication publication, StreamSequenceToken token)
    {
        // One synchronous step, no await: number the item, keep it, and fix who gets it live. A reader
        // interleaving with this publish sees either none of it or all of it.
        _sequence = token.Sequence;
        _recent.Add(publication.PublicationId, token);
        if (publication.RetainInHistory)
        {
            _history.Append(token, publication.Payload, time.GetUtcNow());
        }

        var subscriptions = state.State.Subscriptions.ToArray();

        // Allocated only when a subscription is gone, which most items never see.
        List<Guid>? gone = null;
        foreach (var subscription in subscriptions)
        {
            if (subscription.LeaseExpiresAt is { } expiry && expiry <= time.GetUtcNow())
            {
                (gone ??= []).Add(subscription.SubscriptionId);
            }
            else if (await DeliverAsync(subscription.Consumer, subscription.SubscriptionId, publication, token, isClient: subscription.Lease is not null))
            {
                (gone ??= []).Add(subscription.SubscriptionId);
            }
        }

        if (implicitSubscribers.HasSubscribers(_streamId))
        {
            foreach (var (consumer, subscriptionId) in implicitSubscribers.SubscribersOf(_provider, _streamId))
            {
                await DeliverAsync(consumer, subscriptionId, publication, token, isClient: false);
            }
        }

        if (gone is { Count: > 0 })
        {
            await ForgetAsync(gone);
        }
    }

    // A method of its own so that OfferAsync captures nothing: a lambda over its locals would cost every item a closure.
    private async Task ForgetAsync(List<Guid> gone)
    {
        foreach (var id in gone)
        {
            _confirmed.Remove(id);
        }

        try
        {
            await ChangeAsync(list => list.RemoveAll(s => gone.Contains(s.SubscriptionId)) > 0);
        }
        catch (Exception ex)
        {
            // The item was delivered; failing the publish would invite a duplicate. The clean-up is
            // retried by the next publish or renewal.
            LogCleanupFailed(logger, ex, _streamId.ToString());
        }
    }

    public Task RegisterAsync(StreamSubscriptionRecord subscription)
    {
        // A (re-)registered client is confirmed again by the next item before its items go one-way.
        _confirmed.Remove(subscription.SubscriptionId);
        var record = subscription.Lease is { } lease ? subscription with { LeaseExpiresAt = time.GetUtcNow() + lease } : subscription with { LeaseExpiresAt = null };
        return ChangeAsync(list =>
        {
            list.RemoveAll(s => s.SubscriptionId == subscription.SubscriptionId);
            list.Add(record);
            return true;
        });
    }

    public Task UnregisterAsync(Guid subscriptionId)
    {
        _confirmed.Remove(subscriptionId);
        return ChangeAsync(list => list.RemoveAll(s => s.SubscriptionId == subscriptionId) > 0);
    }

    public Task<IReadOnlyList<Guid>> GetSubscriptionsAsync(GrainId consumer) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Subscriptions.Where(s => s.Consumer == consumer).Select(s => s.SubscriptionId)]);

    public async Task<bool> RenewLeaseAsync(Guid subscriptionId)
    {
        bool renewed = false;
        await ChangeAsync(list =>
        {
            var now = time.GetUtcNow();
            int removed = list.RemoveAll(s => s.LeaseExpiresAt is { } expiry && expiry <= now);
            int index = list.FindIndex(s => s.SubscriptionId == subscriptionId);
            if (index >= 0 && list[index].Lease is { } lease)
            {
                // Persisted too, so a rendezvous that re-activates keeps the lease.
                list[index] = list[index] with { LeaseExpiresAt = now + lease };
                renewed = true;
            }

            return renewed || removed > 0;
        });
        return renewed;
    }

    public Task<StreamSequenceToken> GetPositionAsync() => Task.FromResult(new StreamSequenceToken(_sequence, _epoch));

    public Task<StreamHistoryRead> GetItemsAfterAsync(StreamSequenceToken after, int maxCount)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfNegative(after.Sequence, nameof(after));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        _history.Trim(time.GetUtcNow());
        var position = new StreamSequenceToken(_sequence, _epoch);

        // A token ahead of the position (same epoch) cannot come from this epoch's items: refuse it too.
        if (after.Epoch != _epoch || after.Sequence > _sequence)
        {
            return Task.FromResult(Incomplete(position));
        }

        if (_history.Covers(after.Sequence))
        {
            var (items, hasMore) = _history.ReadAfter(after.Sequence, maxCount);
            return Task.FromResult(new StreamHistoryRead(items, IsComplete: true, hasMore, position));
        }

        return _log is null ? Task.FromResult(Incomplete(position)) : ReadThroughLogAsync(after.Sequence, maxCount);
    }

    private static StreamHistoryRead Incomplete(StreamSequenceToken position) => new([], IsComplete: false, HasMore: false, position);

    /// <summary>
    /// Applies a change to a copy of the subscription list and writes it when <paramref name="change"/> says it
    /// changed. If the write fails, the list in memory goes back to what storage holds, and the call throws.
    /// </summary>
    private async Task ChangeAsync(Func<List<StreamSubscriptionRecord>, bool> change)
    {
        await _writing.WaitAsync();
        try
        {
            var before = state.State.Subscriptions;
            var after = new List<StreamSubscriptionRecord>(before);
            if (!change(after))
            {
                return;
            }

            state.State.Subscriptions = after;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Subscriptions = before;
                throw;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <returns>True when the subscription is to be removed because its client is gone.</returns>
    private async Task<bool> DeliverAsync(GrainId consumer, Guid subscriptionId, StreamPublication publication, StreamSequenceToken token, bool isClient)
    {
        var target = GrainFactory.GetGrain<IStreamConsumerExtension>(consumer);
        var delivery = new StreamDelivery(_provider, _streamId, subscriptionId, publication.Payload, token);
        long now = time.GetTimestamp();
        if (isClient && _confirmed.TryGetValue(subscriptionId, out long confirmedAt) && time.GetElapsedTime(confirmedAt, now) < _confirmationInterval)
        {
            try
            {
                await target.DeliverOneWayAsync(delivery);
            }
            catch (Exception ex)
            {
                // Not sent (for example its arguments could not be copied): confirm the next one.
                _confirmed.Remove(subscriptionId);
                LogDeliveryFailed(logger, ex, subscriptionId, _streamId.ToString(), consumer.ToString());
            }

            return false;
        }

        try
        {
            await target.DeliverAsync(delivery);
            if (isClient)
            {
                _confirmed[subscriptionId] = now;
            }

            return false;
        }
        catch (ClientNotAvailableException) when (isClient)
        {
            _confirmed.Remove(subscriptionId);
            LogClientGone(logger, subscriptionId, _streamId.ToString());
            return true;
        }
        catch (Exception ex)
        {
            _confirmed.Remove(subscriptionId);
            LogDeliveryFailed(logger, ex, subscriptionId, _streamId.ToString(), consumer.ToString());
            return false;
        }
    }

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Could not persist the removal of gone subscriptions of {Stream}; will retry")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Dropped subscription {SubscriptionId} to {Stream}: its client is gone")]
    private static partial void LogClientGone(ILogger logger, Guid subscriptionId, string stream);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Delivery of an item of {Stream} to subscription {SubscriptionId} ({Consumer}) failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid subscriptionId, string stream, string consumer);
}
