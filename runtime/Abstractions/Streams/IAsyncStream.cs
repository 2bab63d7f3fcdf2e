namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// A stream of <typeparamref name="T"/>. Items published to one stream are delivered to each subscriber in
/// publish order, each stamped with a <see cref="StreamSequenceToken"/>. <see cref="OnNextAsync"/>
/// completes once every current subscriber has been offered the item; a subscriber whose handler throws
/// does not fail the publisher. Publishing with no subscriber succeeds.
/// </summary>
/// <remarks>
/// <para>
/// The stream keeps a bounded in-memory history of its recent items (<c>Realtime:Streams</c>), so a
/// consumer that was away can catch up with <see cref="GetItemsAfterAsync"/>, or learn that it cannot. The
/// history lives as long as the epoch: when it is lost, the epoch changes, and a read after a token of an
/// older epoch is refused (<see cref="StreamHistoryResult{T}.IsComplete"/> false), never silently gapped.
/// </para>
/// <para>
/// An item is added to the history before it is delivered to anyone, in the same step that gives it its
/// sequence number. So an item is in the history (or was evicted, which a read reports) before any
/// subscriber sees it, and a subscription that completed before a read receives live every item the read
/// does not return. That makes this resume recipe lose nothing and duplicate nothing, by sequence number:
/// </para>
/// <list type="number">
/// <item>Subscribe, and buffer the live items instead of handling them.</item>
/// <item>Set "last delivered" to the sequence of the token you hold. Read <see cref="GetItemsAfterAsync"/>
/// after it; if the result is not complete, resynchronize (the epoch changed or the items were evicted).
/// Otherwise handle the items, advance "last delivered" to each, and while <see cref="StreamHistoryResult{T}.HasMore"/>
/// read again after the last item.</item>
/// <item>Handle the buffered items whose sequence is greater than "last delivered" (in order, advancing it),
/// then handle live items as they come, still skipping any whose sequence is not greater.</item>
/// </list>
/// <para>
/// Items that opted out of history (<see cref="IStreamHistoryItem"/>) and were published before the read
/// may be skipped by this recipe; that is what opting out means.
/// </para>
/// </remarks>
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

    /// <summary>
    /// The stream's current position: the token of the last item published (sequence 0 when nothing has
    /// been published in the current epoch). Items with a greater sequence in this epoch were published after
    /// the position was taken. Reading the position activates the stream, which starts a new epoch if it
    /// was not active.
    /// </summary>
    Task<StreamSequenceToken> GetPositionAsync();

    /// <summary>
    /// The retained items after <paramref name="after"/>, at most <paramref name="maxCount"/>, in sequence
    /// order with their tokens, plus whether that range is complete and the current position, all from one
    /// instant. A token of sequence 0 in the current epoch reads from the start of the epoch. See the
    /// remarks on <see cref="IAsyncStream{T}"/> for how to combine this with a live subscription.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The task faults with it when <paramref name="maxCount"/> is not positive or <paramref name="after"/> has a negative sequence.</exception>
    Task<StreamHistoryResult<T>> GetItemsAfterAsync(StreamSequenceToken after, int maxCount);
}
