using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.ClusterBench.Grains;

public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>The trivial call: an immutable argument and result, no state, no await.</summary>
    Task<int> Ping(int value);

    /// <summary>A call whose argument and result are not immutable: serialized across the boundary both ways.</summary>
    Task<Payload> Echo(Payload payload);
}

public sealed class Payload
{
    public string Name { get; set; } = "";

    public int[] Values { get; set; } = [];
}
