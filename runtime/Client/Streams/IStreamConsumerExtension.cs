using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// Receives stream items for the subscriptions of one consumer: a grain (answered by its activation's
/// extension, as an ordinary non-interleaving turn) or a client (an observer object). Items for one
/// subscription arrive one at a time, in stream order, whichever of the two methods carried them: an item
/// starts only after the one before it finished.
/// </summary>
public interface IStreamConsumerExtension : IGrainExtension, IGrainObserver
{
    /// <summary>Delivers an item and completes when the observer has handled it; fails when it failed.</summary>
    Task DeliverAsync(StreamDelivery delivery);

    /// <summary>
    /// Delivers an item without an answer (at most once): what a stream uses for client subscriptions between
    /// two awaited <see cref="DeliverAsync"/> calls. The observer's failure, or an unknown subscription, is
    /// logged nowhere and only seen at the next awaited delivery; consumers that must not miss an item check the
    /// sequence tokens (as the gateway does).
    /// </summary>
    [OneWay]
    Task DeliverOneWayAsync(StreamDelivery delivery);
}
