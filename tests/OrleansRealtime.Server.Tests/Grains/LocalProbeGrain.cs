using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Placement;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Server.Tests.Grains;

[GrainType("test.localprobe")]
[PreferLocalPlacement]
public sealed class LocalProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state, IClusterMembership membership) : Grain, ILocalProbeGrain
{
    public Task<string> WhereAreYou() => Task.FromResult(membership.LocalSilo?.ToParsableString() ?? "single");

    public async Task<int> Add()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }
}
