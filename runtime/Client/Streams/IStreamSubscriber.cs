using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// Who is subscribing through an <see cref="IAsyncStream{T}"/>: a grain activation (durable subscriptions)
/// or a client (leased subscriptions that it renews). Implemented by the server and the client runtime.
/// Items for one subscription reach <see cref="Consumers"/> one at a time in stream order; the notification
/// methods are called after the rendezvous confirmed the change, at most once per change.
/// </summary>
public interface IStreamSubscriber
{
    /// <summary>The id the rendezvous delivers to (the grain's id, or the client's consumer observer id).</summary>
    GrainId ConsumerId { get; }

    StreamConsumerTable Consumers { get; }

    /// <summary>Lease length for new subscriptions; null for durable (grain) subscriptions.</summary>
    TimeSpan? Lease { get; }

    /// <summary>True when the consumer has an implicit subscription to the stream, with its fixed id.</summary>
    bool TryGetImplicitSubscription(string providerName, StreamId streamId, out Guid subscriptionId);

    /// <summary>Called after a subscription is registered (a client starts renewing its lease).</summary>
    void OnSubscribed(string providerName, StreamId streamId, Guid subscriptionId);

    void OnUnsubscribed(Guid subscriptionId);
}
