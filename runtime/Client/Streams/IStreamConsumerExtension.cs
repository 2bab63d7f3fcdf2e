using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// Receives stream items for the subscriptions of one consumer: a grain (answered by its activation's
/// extension, as an ordinary non-interleaving turn) or a client (an observer object). Items for one
/// subscription arrive one at a time, in stream order.
/// </summary>
public interface IStreamConsumerExtension : IGrainExtension, IGrainObserver
{
    Task DeliverAsync(StreamDelivery delivery);
}
