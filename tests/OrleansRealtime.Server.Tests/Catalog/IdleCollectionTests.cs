using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Catalog;

/// <summary>Idle collection driven by a fake clock: Orleans' defaults are 15 minutes of age and a 1 minute quantum.</summary>
public sealed class IdleCollectionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    public IdleCollectionTests() => _cluster = TestClusters.Builder().UseTimeProvider(_time).Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task IdleGrain_IsCollectedAfterDefaultAge_AndReactivatesOnNextCall()
    {
        var grain = _cluster.Client.GetGrain<ILifecycleGrain>(TestSupport.NewKey());
        Assert.Equal(1, await grain.Ping().WithTimeout());
        var id = $"test.lifecycle/{grain.GetGrainId().Key}";

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.False(Signals.Get($"gone:{id}:1").Task.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(DeactivationReasonCode.ActivationIdle, await Signals.Wait($"gone:{id}:1"));
        Assert.Equal(2, await grain.Ping().WithTimeout());
    }

    [Fact]
    public async Task ActiveGrain_IsNotCollected()
    {
        var grain = _cluster.Client.GetGrain<ILifecycleGrain>(TestSupport.NewKey());
        for (int minute = 0; minute < 30; minute++)
        {
            Assert.Equal(1, await grain.Ping().WithTimeout());
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(1, await grain.Ping().WithTimeout());
    }

    [Fact]
    public async Task CollectionAgeLimitAttribute_OverridesDefaultAge()
    {
        var grain = _cluster.Client.GetGrain<IShortLivedGrain>(TestSupport.NewKey());
        await grain.Ping().WithTimeout();
        var id = $"test.shortlived/{grain.GetGrainId().Key}";

        _time.Advance(TimeSpan.FromMinutes(3));

        await Signals.Wait($"gone:{id}:1");
        Assert.Equal(2, await grain.Ping().WithTimeout());
    }

    [Fact]
    public async Task DelayDeactivation_KeepsGrainPastItsAge()
    {
        var grain = _cluster.Client.GetGrain<ILifecycleGrain>(TestSupport.NewKey());
        await grain.Delay(TimeSpan.FromMinutes(40)).WithTimeout();
        var id = $"test.lifecycle/{grain.GetGrainId().Key}";

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.False(Signals.Get($"gone:{id}:1").Task.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(11));

        await Signals.Wait($"gone:{id}:1");
    }

    [Fact]
    public async Task DeactivateOnIdle_DeactivatesAfterTheCurrentCall()
    {
        var grain = _cluster.Client.GetGrain<ILifecycleGrain>(TestSupport.NewKey());
        await grain.DeactivateSoon().WithTimeout();
        var id = $"test.lifecycle/{grain.GetGrainId().Key}";

        Assert.Equal(DeactivationReasonCode.ApplicationRequested, await Signals.Wait($"gone:{id}:1"));
        Assert.Equal(2, await grain.Ping().WithTimeout());
    }
}
