using System.Collections.Concurrent;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// The observers one consumer has attached, by subscription id, and the delivery end point for them.
/// For a client an unknown subscription means the client no longer holds it, which tells the rendezvous to
/// drop it (<see cref="ClientNotAvailableException"/>). For a grain it means the grain has not resumed the
/// subscription yet; the item fails and the durable subscription stays.
/// </summary>
public sealed class StreamConsumerTable(RealtimeSerializer serializer, bool unknownSubscriptionIsGone) : IStreamConsumerExtension
{
    private readonly ConcurrentDictionary<Guid, IObserverAdapter> _observers = new();

    public void Attach<T>(Guid subscriptionId, IAsyncObserver<T> observer) =>
        _observers[subscriptionId] = new ObserverAdapter<T>(observer, serializer);

    public void Detach(Guid subscriptionId) => _observers.TryRemove(subscriptionId, out _);

    public bool IsAttached(Guid subscriptionId) => _observers.ContainsKey(subscriptionId);

    public Task DeliverAsync(StreamDelivery delivery)
    {
        if (_observers.TryGetValue(delivery.SubscriptionId, out var adapter))
        {
            return adapter.DeliverAsync(delivery);
        }

        var what = $"subscription {delivery.SubscriptionId} to stream {delivery.StreamId}";
        throw unknownSubscriptionIsGone
            ? new ClientNotAvailableException($"The client no longer holds {what}.")
            : new RealtimeException($"No observer is attached to {what}; resume it in OnActivateAsync.");
    }

    private interface IObserverAdapter
    {
        Task DeliverAsync(StreamDelivery delivery);
    }

    private sealed class ObserverAdapter<T>(IAsyncObserver<T> observer, RealtimeSerializer serializer) : IObserverAdapter
    {
        public Task DeliverAsync(StreamDelivery delivery) =>
            observer.OnNextAsync(serializer.Deserialize<T>(delivery.Payload, $"An item of stream {delivery.StreamId}"), delivery.Token);
    }
}
