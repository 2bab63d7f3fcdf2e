using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

public sealed class LinkState
{
    public ICounterGrain? Counter { get; set; }
}

[GrainType("test.boundary")]
public sealed class BoundaryGrain([PersistentState("link")] IPersistentState<LinkState> link) : Grain, IBoundaryGrain
{
    private Bag _kept = new();

    public Task Keep(Bag bag)
    {
        _kept = bag;
        return Task.CompletedTask;
    }

    public Task<Bag> GetKept() => Task.FromResult(_kept);

    public async Task Link(ICounterGrain counter)
    {
        link.State.Counter = counter;
        await link.WriteStateAsync();
    }

    public Task<int> IncrementLinked() =>
        (link.State.Counter ?? throw new InvalidOperationException("Nothing linked")).Increment();
}
