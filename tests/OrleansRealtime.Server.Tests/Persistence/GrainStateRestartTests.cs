using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Persistence;

/// <summary>
/// The silo-level half of the storage contract: through real grains, state and etags survive a silo restart,
/// and a stale etag is refused. Each provider runs the same cases.
/// </summary>
public abstract class GrainStateRestartTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    protected abstract void ConfigureStorage(ISiloBuilder silo);

    public async Task InitializeAsync()
    {
        _cluster = TestClusters.Builder().WithoutDefaultProviders().ConfigureSilo(ConfigureStorage).Build();
        await _cluster.DeployAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task State_SurvivesSiloRestart()
    {
        var key = TestSupport.NewKey();
        var grain = _cluster.Client.GetGrain<ICounterGrain>(key);
        await grain.Increment().WithTimeout();
        Assert.Equal(2, await grain.Increment().WithTimeout());
        var etag = await grain.GetEtag().WithTimeout();

        await _cluster.RestartSiloAsync().WithTimeout();

        Assert.Equal(2, await grain.Get().WithTimeout());
        Assert.Equal(etag, await grain.GetEtag().WithTimeout());
        Assert.Equal(3, await grain.Increment().WithTimeout());
    }

    [Fact]
    public async Task ClearedState_StaysClearedAfterRestart()
    {
        var grain = _cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        await grain.Increment().WithTimeout();
        await grain.Clear().WithTimeout();

        await _cluster.RestartSiloAsync().WithTimeout();

        Assert.Equal(0, await grain.Get().WithTimeout());
        Assert.Equal(1, await grain.Increment().WithTimeout());
    }

    [Fact]
    public async Task SecondActivationWithStaleEtag_IsRefused()
    {
        var grain = _cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        await grain.Increment().WithTimeout();

        // Another writer (for example a second, stale activation elsewhere) moves the stored version on.
        var storage = _cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = grain.GetGrainId();
        var current = await storage.ReadAsync("counter", id).WithTimeout();
        await storage.WriteAsync("counter", id, current!.Payload, current.Etag).WithTimeout();

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment()).WithTimeout();
    }

    [Fact]
    public async Task AConflictThatEscapesACall_DeactivatesTheActivation_AndTheNextCallWorksOnTheStoredState()
    {
        var grain = _cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        var id = grain.GetGrainId();
        Assert.Equal(1, await grain.Increment().WithTimeout());
        var storage = _cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>("Default");
        var current = await storage.ReadAsync("counter", id).WithTimeout();
        var moved = await storage.WriteAsync("counter", id, current!.Payload, current.Etag).WithTimeout();

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment()).WithTimeout();

        // As in Orleans: the stale activation goes, and the next one reads what the other writer left (1), rather
        // than every later write failing against the etag the old one held.
        Assert.Equal(Core.DeactivationReasonCode.ApplicationError, await Signals.Wait($"deactivated:{id}:1"));
        Assert.Equal(2, await grain.Increment().WithTimeout());
        Assert.NotEqual(moved, await grain.GetEtag().WithTimeout());
        Assert.Equal(2, Counters.Get($"activate:{id}"));
    }

    [Fact]
    public async Task ACalleesConflict_LeavesTheCallerActivationInPlace()
    {
        var counter = _cluster.Client.GetGrain<ICounterGrain>(TestSupport.NewKey());
        var caller = _cluster.Client.GetGrain<IBoundaryGrain>(TestSupport.NewKey());
        await caller.Link(counter).WithTimeout();
        await caller.Keep(new Bag { Items = ["in memory only"] }).WithTimeout();
        Assert.Equal(1, await caller.IncrementLinked().WithTimeout());
        var storage = _cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>("Default");
        var current = await storage.ReadAsync("counter", counter.GetGrainId()).WithTimeout();
        await storage.WriteAsync("counter", counter.GetGrainId(), current!.Payload, current.Etag).WithTimeout();

        await Assert.ThrowsAsync<InconsistentStateException>(() => caller.IncrementLinked()).WithTimeout();

        Assert.Equal(2, await caller.IncrementLinked().WithTimeout());
        Assert.Equal(["in memory only"], (await caller.GetKept().WithTimeout()).Items);
    }
}
