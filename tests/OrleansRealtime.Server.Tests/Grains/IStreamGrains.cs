using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public interface IStreamConsumerGrain : IGrainWithStringKey
{
    /// <summary>Subscribes explicitly to stream (namespace, key) of provider "sms"; the subscription is remembered in state.</summary>
    Task Subscribe(string streamNamespace, string streamKey);

    Task<int> HandleCount(string streamNamespace, string streamKey);
}

public interface IImplicitConsumerGrain : IGrainWithStringKey
{
    Task<int> Received();
}

public interface IProducerGrain : IGrainWithStringKey
{
    Task Publish(string streamNamespace, string streamKey, int from, int count);
}
