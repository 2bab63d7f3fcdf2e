using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Server.Tests.Grains;

public sealed class ProbeState
{
    public int Value { get; set; }
}

[GrainType("test.probe")]
public sealed class SiloProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state, IClusterMembership membership) : Grain, ISiloProbeGrain
{
    public Task<string> WhereAreYou() => Task.FromResult(membership.LocalSilo?.ToParsableString() ?? "single");

    public async Task<int> Add()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public async Task Park()
    {
        Signals.Set($"probe-entered:{GrainId.Key}");
        await Signals.Get($"probe-release:{GrainId.Key}").Task;
    }
}
