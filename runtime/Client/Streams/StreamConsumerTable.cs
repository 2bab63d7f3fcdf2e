using System.Collections.Concurrent;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// The observers one consumer has attached, by subscription id, and the delivery end point for them.
/// For a client an unknown subscription means the client no longer holds it, which tells the rendezvous to
/// drop it (<see cref="ClientNotAvailableException"/>). For a grain it means the grain has not resumed the
/// subscription yet; the item fails and the durable subscription stays. An item of a subscription starts only
/// after the one before it completed: a one-way item can arrive while the observer still awaits the last one.
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

    public Task DeliverOneWayAsync(StreamDelivery delivery)
    {
        try
        {
            var handled = DeliverAsync(delivery);
            if (!handled.IsCompletedSuccessfully)
            {
                // Observed, so an observer's failure is not reported as an unobserved task exception.
                handled.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (RealtimeException)
        {
            // No one waits for the answer: the stream learns that the subscription is unknown at its next
            // awaited delivery, which fails with the same exception.
        }

        return Task.CompletedTask;
    }

    private interface IObserverAdapter
    {
        Task DeliverAsync(StreamDelivery delivery);
    }

    private sealed class ObserverAdapter<T>(IAsyncObserver<T> observer, RealtimeSerializer serializer) : IObserverAdapter
    {
        private readonly Lock _lock = new();

        /// <summary>The last item's handling; the next one waits for it, so items never overlap.</summary>
        private Task _tail = Task.CompletedTask;

        public Task DeliverAsync(StreamDelivery delivery)
        {
            // Deliveries reach one consumer one at a time (its observer scheduler or the grain's turn), so the
            // lock is never contended; it keeps the tail consistent even for a caller that does not serialize.
            lock (_lock)
            {
                var previous = _tail;
                var next = previous.IsCompleted ? Invoke(delivery) : AfterAsync(previous, delivery);
                _tail = next;
                return next;
            }
        }

        private async Task AfterAsync(Task previous, StreamDelivery delivery)
        {
            try
            {
                await previous;
            }
            catch
            {
                // That item's failure went to its own caller.
            }

            await Invoke(delivery);
        }

        private Task Invoke(StreamDelivery delivery)
        {
            try
            {
                return observer.OnNextAsync(serializer.Deserialize<T>(delivery.Payload, "An item of stream", delivery.StreamId), delivery.Token);
            }
            catch (Exception ex)
            {
                return Task.FromException(ex);
            }
        }
    }
}
