namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// A stream of <typeparamref name="T"/>. Items published to one stream are delivered to each subscriber in
/// publish order, each stamped with a <see cref="StreamSequenceToken"/>. <see cref="OnNextAsync"/>
/// completes once every current subscriber has been offered the item; a subscriber whose handler throws
/// does not fail the publisher. Publishing with no subscriber succeeds.
/// </summary>
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }

    string ProviderName { get; }

    Task OnNextAsync(T item);

    /// <summary>
    /// Subscribes <paramref name="observer"/>. From a grain the subscription is durable (it survives
    /// deactivation and silo restarts; resume it with <see cref="GetAllSubscriptionHandles"/>). From a
    /// client it is a lease the client renews while it runs. For an implicit subscription this attaches to it.
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer);

    /// <summary>The caller's subscriptions to this stream (including its implicit one), to resume after activation.</summary>
    Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}
