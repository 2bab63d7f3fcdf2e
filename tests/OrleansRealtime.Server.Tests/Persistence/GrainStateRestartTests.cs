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
}
