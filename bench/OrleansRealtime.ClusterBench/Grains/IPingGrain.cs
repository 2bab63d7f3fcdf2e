using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.ClusterBench.Grains;

public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>The trivial call: an immutable argument and result, no state, no await.</summary>
    Task<int> Ping(int value);
}
