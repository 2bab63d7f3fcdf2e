using OrleansRealtime.Server.Core;

namespace OrleansRealtime.ClusterBench.Grains;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);

    public Task<Payload> Echo(Payload payload) => Task.FromResult(payload);
}
