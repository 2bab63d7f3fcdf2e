using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.ClusterBench.Grains;

/// <summary>Publishes to stream ("bench", its key) of provider "sms".</summary>
public interface IPublisherGrain : IGrainWithStringKey
{
    /// <summary>Publishes one event carrying <paramref name="stamp"/> (a <c>Stopwatch</c> timestamp of this process).</summary>
    Task Publish(long stamp, int sequence);
}

/// <summary>The event: the publish timestamp travels in the payload, so the receiver measures publish-to-OnNext.</summary>
public sealed class BenchEvent
{
    public long Stamp { get; set; }

    public int Sequence { get; set; }
}
