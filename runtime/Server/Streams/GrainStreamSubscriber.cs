using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.Server.Catalog;

namespace OrleansRealtime.Server.Streams;

/// <summary>
/// A grain activation as a stream subscriber: subscriptions are durable (no lease), delivered to the
/// activation's stream consumer extension, and the grain's implicit subscriptions are known from its class.
/// </summary>
internal sealed class GrainStreamSubscriber(ActivationData activation) : IStreamSubscriber
{
    public GrainId ConsumerId => activation.GrainId;

    public StreamConsumerTable Consumers => activation.StreamConsumers;

    public TimeSpan? Lease => null;

    public static IStreamProvider CreateProvider(ActivationData activation, string name) =>
        new StreamProvider(name, new GrainStreamSubscriber(activation), activation.Runtime.GrainFactory, activation.Runtime.Serializer);

    public bool TryGetImplicitSubscription(string providerName, StreamId streamId, out Guid subscriptionId)
    {
        var info = activation.ClassInfo;
        if (streamId.Key == activation.GrainId.Key && info.ImplicitStreamNamespaces.Contains(streamId.Namespace))
        {
            subscriptionId = StreamKeys.ImplicitSubscription(info.GrainType, providerName, streamId);
            return true;
        }

        subscriptionId = default;
        return false;
    }

    public void OnSubscribed(string providerName, StreamId streamId, Guid subscriptionId)
    {
    }

    public void OnUnsubscribed(Guid subscriptionId)
    {
    }
}
