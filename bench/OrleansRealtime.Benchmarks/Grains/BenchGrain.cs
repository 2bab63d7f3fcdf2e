using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Benchmarks.Grains;

public sealed class BenchGrain : Grain, IBenchGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);

    public Task<Payload> Echo(Payload payload) => Task.FromResult(payload);
}
