using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

public sealed class CounterState
{
    public int Value { get; set; }
}

[GrainType("test.counter")]
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Counters.Increment($"activate:{GrainId}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Counters.Increment($"deactivate:{GrainId}");
        Signals.Set($"deactivated:{GrainId}:{Counters.Get($"deactivate:{GrainId}")}", reason.ReasonCode);
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<string?> GetEtag() => Task.FromResult(state.Etag);

    public Task Clear() => state.ClearStateAsync();
}
