using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// The single activation that orders one stream (key <c>{provider}/{namespace}/{key}</c>). It stamps each
/// item with the next sequence number of its epoch and delivers it to every subscriber, one item at a time,
/// so every subscriber sees the stream's one order. Explicit subscriptions are persisted. A bounded history
/// of recent items lives in memory for the activation's epoch; an item enters it, with its sequence number,
/// before it is delivered to anyone (see <see cref="IAsyncStream{T}"/> for the resume recipe this allows).
/// </summary>
public interface IStreamRendezvousGrain : IGrainWithStringKey
{
    /// <summary>
    /// Completes after every subscriber has been offered the item; returns the item's token. A grain subscriber
    /// has handled it by then, and so has a client subscriber unless the silo sends client items one-way between
    /// two confirmations (<c>StreamOptions.ClientConfirmationInterval</c>, off by default).
    /// </summary>
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

    /// <summary>
    /// The retained items after <paramref name="after"/> (at most <paramref name="maxCount"/>), whether that
    /// range is complete, and the position, all from one instant. No items when the range is not complete.
    /// </summary>
    Task<StreamHistoryRead> GetItemsAfterAsync(StreamSequenceToken after, int maxCount);
}
