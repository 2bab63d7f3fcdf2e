using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>A named stream provider bound to one subscriber (a grain activation or a client).</summary>
public sealed class StreamProvider(string name, IStreamSubscriber? subscriber, IGrainFactory grains, RealtimeSerializer serializer) : IStreamProvider
{
    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new AsyncStream<T>(Name, streamId, subscriber, grains, serializer);
}
