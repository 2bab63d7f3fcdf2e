using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// The single activation that orders one stream (key <c>{provider}/{namespace}/{key}</c>). It stamps each
/// item with the next sequence number of its epoch and delivers it to every subscriber, one item at a time,
/// so every subscriber sees the stream's one order. Explicit subscriptions are persisted.
/// </summary>
public interface IStreamRendezvousGrain : IGrainWithStringKey
{
    /// <summary>Completes after every subscriber has been offered the item; returns the item's token.</summary>
    Task<StreamSequenceToken> PublishAsync(StreamPublication publication);

    /// <summary>Adds or replaces (by id) a subscription; idempotent.</summary>
    Task RegisterAsync(StreamSubscriptionRecord subscription);

    Task UnregisterAsync(Guid subscriptionId);

    /// <summary>The explicit subscriptions of <paramref name="consumer"/> to this stream.</summary>
    Task<IReadOnlyList<Guid>> GetSubscriptionsAsync(GrainId consumer);

    /// <summary>Extends a client lease; false when the subscription is unknown (already expired).</summary>
    Task<bool> RenewLeaseAsync(Guid subscriptionId);

    /// <summary>The current position (the token of the last item, sequence 0 before the first item of the epoch).</summary>
    Task<StreamSequenceToken> GetPositionAsync();
}
