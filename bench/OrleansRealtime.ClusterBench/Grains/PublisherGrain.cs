using OrleansRealtime.Abstractions.Placement;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.ClusterBench.Grains;

/// <summary>Placed on the silo that first calls it, so a publish starts on the silo the bench chose.</summary>
[PreferLocalPlacement]
public sealed class PublisherGrain : Grain, IPublisherGrain
{
    private IAsyncStream<BenchEvent>? _stream;

    public Task Publish(long stamp, int sequence)
    {
        _stream ??= GetStreamProvider("sms").GetStream<BenchEvent>(StreamId.Create("bench", GrainId.Key));
        return _stream.OnNextAsync(new BenchEvent { Stamp = stamp, Sequence = sequence });
    }
}
