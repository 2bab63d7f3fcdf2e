using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// A stream as seen by one producer or subscriber. Publishing serializes the item once and hands it to the
/// stream's rendezvous grain, which orders and delivers it (see <see cref="IStreamRendezvousGrain"/>).
/// </summary>
internal sealed class AsyncStream<T>(string providerName, StreamId streamId, IStreamSubscriber? subscriber, IGrainFactory grains, RealtimeSerializer serializer)
    : IAsyncStream<T>
{
    public StreamId StreamId { get; } = streamId;

    public string ProviderName { get; } = providerName;

    internal IStreamSubscriber Subscriber => subscriber ?? throw new InvalidOperationException("This runtime cannot subscribe to streams.");

    private IStreamRendezvousGrain Rendezvous => grains.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous(ProviderName, StreamId));

    /// <summary>Failures (unserializable item, no silo) fault the returned task; nothing throws synchronously.</summary>
    public async Task OnNextAsync(T item) =>
        await Rendezvous.PublishAsync(new StreamPublication(serializer.Serialize(item, "An item of stream", StreamId))
        {
            RetainInHistory = item is not IStreamHistoryItem { RetainInHistory: false },
            PersistInLog = item is not IStreamLogItem { PersistInLog: false },
            PublicationId = (item as IIdentifiedStreamItem)?.PublicationId,
        });

    public Task<StreamSequenceToken> GetPositionAsync() => Rendezvous.GetPositionAsync();

    /// <summary>Bad arguments and unreadable items fault the returned task; nothing throws synchronously.</summary>
    public async Task<StreamHistoryResult<T>> GetItemsAfterAsync(StreamSequenceToken after, int maxCount)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfNegative(after.Sequence, nameof(after));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var read = await Rendezvous.GetItemsAfterAsync(after, maxCount);
        var items = new List<StreamHistoryEntry<T>>(read.Items.Count);
        foreach (var record in read.Items)
        {
            items.Add(new StreamHistoryEntry<T>(serializer.Deserialize<T>(record.Payload, "An item of stream", StreamId), record.Token));
        }

        return new StreamHistoryResult<T>(items, read.IsComplete, read.HasMore, read.Position);
    }

    public async Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var consumer = Subscriber;
        if (consumer.TryGetImplicitSubscription(ProviderName, StreamId, out var implicitId))
        {
            consumer.Consumers.Attach(implicitId, observer);
            return new StreamSubscriptionHandleImpl<T>(this, implicitId, isImplicit: true);
        }

        // Attach before registering so the first delivery cannot find the table empty.
        var subscriptionId = Guid.NewGuid();
        consumer.Consumers.Attach(subscriptionId, observer);
        try
        {
            await Rendezvous.RegisterAsync(new StreamSubscriptionRecord(subscriptionId, consumer.ConsumerId, consumer.Lease));
        }
        catch
        {
            consumer.Consumers.Detach(subscriptionId);
            throw;
        }

        consumer.OnSubscribed(ProviderName, StreamId, subscriptionId);
        return new StreamSubscriptionHandleImpl<T>(this, subscriptionId, isImplicit: false);
    }

    public async Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles()
    {
        var consumer = Subscriber;
        var handles = new List<StreamSubscriptionHandle<T>>();
        if (consumer.TryGetImplicitSubscription(ProviderName, StreamId, out var implicitId))
        {
            handles.Add(new StreamSubscriptionHandleImpl<T>(this, implicitId, isImplicit: true));
        }

        foreach (var id in await Rendezvous.GetSubscriptionsAsync(consumer.ConsumerId))
        {
            handles.Add(new StreamSubscriptionHandleImpl<T>(this, id, isImplicit: false));
        }

        return handles;
    }

    internal async Task UnsubscribeAsync(Guid subscriptionId, bool isImplicit)
    {
        if (!isImplicit)
        {
            await Rendezvous.UnregisterAsync(subscriptionId);
            Subscriber.OnUnsubscribed(subscriptionId);
        }

        Subscriber.Consumers.Detach(subscriptionId);
    }
}
