using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Cluster;

/// <summary>Several silos over real TCP: placement, single activation, redirects, failover with state, fail-fast calls.</summary>
public sealed class MultiSiloClusterTests : IAsyncLifetime
{
    private readonly MultiSiloTestCluster _cluster = ClusterTestExtensions.NewCluster();

    public Task InitializeAsync() => _cluster.DeployAsync(silos: 2).WithTimeout();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task RandomPlacement_SpreadsGrainsOverBothSilos_EachWithExactlyOneActivation()
    {
        var keys = Enumerable.Range(0, 60).Select(i => TestSupport.NewKey($"spread{i}")).ToList();
        var where = await Task.WhenAll(keys.Select(k => _cluster.Client.GetGrain<ISiloProbeGrain>(k).WhereAreYou())).WithTimeout();

        var silos = _cluster.Silos.Select(s => s.Address.ToParsableString()).ToHashSet();
        Assert.All(where, w => Assert.Contains(w, silos));
        Assert.Equal(2, where.Distinct().Count()); // 60 random placements on 2 silos all landing on one: 2^-59
        foreach (var (key, silo) in keys.Zip(where))
        {
            var hosts = _cluster.HostsOf(ClusterTestExtensions.ProbeId(key));
            Assert.Equal(silo, Assert.Single(hosts).Address.ToParsableString());
        }

        _cluster.AssertDirectoryIntegrity();
    }

    [Fact]
    public async Task ConcurrentFirstCalls_FromTheClientAndFromInsideBothSilos_ActivateEachGrainOnce()
    {
        var keys = Enumerable.Range(0, 30).Select(i => TestSupport.NewKey($"race{i}")).ToList();
        var factories = _cluster.Silos.Select(s => s.GrainFactory).Append(_cluster.Client).ToList();

        // 3 origins x 4 calls each per grain, all at once.
        var calls = keys.SelectMany(k => factories.SelectMany(f => Enumerable.Range(0, 4).Select(_ => f.GetGrain<ISiloProbeGrain>(k).Add()))).ToList();
        await Task.WhenAll(calls).WithTimeout();

        foreach (var key in keys)
        {
            Assert.Single(_cluster.HostsOf(ClusterTestExtensions.ProbeId(key)));
            Assert.Equal(12, await _cluster.Client.GetGrain<ISiloProbeGrain>(key).Get().WithTimeout());
        }

        _cluster.AssertDirectoryIntegrity();
    }

    [Fact]
    public async Task StaleCache_IsRedirected_ToTheSiloThatOwnsTheGrain_AndTheCallersCacheIsCorrected()
    {
        var third = await _cluster.StartSiloAsync().WithTimeout();
        await _cluster.WaitForActiveAsync().WithTimeout();
        var (caller, stale) = (_cluster.Silos[0], _cluster.Silos[1]);
        var key = TestSupport.NewKey("stale");
        var id = new GrainId("test.localprobe", key);

        // Prefer-local: activated from inside the third silo, it lives there.
        Assert.Equal(third.Address.ToParsableString(), await third.GrainFactory.GetGrain<ILocalProbeGrain>(key).WhereAreYou().WithTimeout());

        // The caller wrongly believes it lives on the second silo, which has never heard of it: that silo tries to
        // activate it, loses the directory to the third, and redirects the caller there.
        var wrong = new GrainAddress { GrainId = id, SiloAddress = stale.Address, ActivationId = ActivationId.NewId() };
        caller.Services.GetLocator().Cache(wrong);
        Assert.Equal(third.Address.ToParsableString(), await caller.GrainFactory.GetGrain<ILocalProbeGrain>(key).WhereAreYou().WithTimeout());

        Assert.True(caller.Services.GetLocator().TryGetCached(id, out var corrected));
        Assert.Equal(third.Address, corrected.SiloAddress);
        Assert.Single(_cluster.HostsOf(id));
        Assert.Equal(1, await _cluster.Client.GetGrain<ILocalProbeGrain>(key).Add().WithTimeout());
        _cluster.AssertDirectoryIntegrity();
    }

    [Fact]
    public async Task ALocalCacheEntryThatIsStale_LosesTheDirectoryRace_AndTheCallIsForwardedToTheOwner()
    {
        var (caller, owner) = (_cluster.Silos[0], _cluster.Silos[1]);
        var key = TestSupport.NewKey("lost");
        var id = new GrainId("test.localprobe", key);
        Assert.Equal(owner.Address.ToParsableString(), await owner.GrainFactory.GetGrain<ILocalProbeGrain>(key).WhereAreYou().WithTimeout());

        // The caller believes the grain is its own: it starts an activation, whose register loses to the owner's.
        caller.Services.GetLocator().CachePlacement(id, caller.Address);
        Assert.Equal(owner.Address.ToParsableString(), await caller.GrainFactory.GetGrain<ILocalProbeGrain>(key).WhereAreYou().WithTimeout());
        Assert.Single(_cluster.HostsOf(id));
        Assert.False(caller.Hosts(id));
    }

    [Fact]
    public async Task KilledSilo_ItsGrainsComeBackOnTheSurvivor_WithTheirPersistedState()
    {
        var keys = Enumerable.Range(0, 20).Select(i => TestSupport.NewKey($"failover{i}")).ToList();
        foreach (var key in keys)
        {
            await _cluster.Client.GetGrain<ISiloProbeGrain>(key).Add().WithTimeout();
            await _cluster.Client.GetGrain<ISiloProbeGrain>(key).Add().WithTimeout();
        }

        var victim = _cluster.Silos.First(s => keys.Any(k => s.Hosts(ClusterTestExtensions.ProbeId(k))));
        var survivor = _cluster.Silos.Single(s => s != victim);
        var moved = keys.Where(k => victim.Hosts(ClusterTestExtensions.ProbeId(k))).ToList();
        Assert.NotEmpty(moved);

        await _cluster.KillSiloAsync(victim).WithTimeout();
        await _cluster.WaitUntilDeadAsync(victim).WithTimeout();

        await _cluster.WaitUntilConnectedAsync().WithTimeout(); // the victim may have been the client's gateway
        foreach (var key in keys)
        {
            Assert.Equal(3, await _cluster.Client.GetGrain<ISiloProbeGrain>(key).Add().WithTimeout());
            Assert.Equal(survivor.Address.ToParsableString(), await _cluster.Client.GetGrain<ISiloProbeGrain>(key).WhereAreYou().WithTimeout());
        }

        _cluster.AssertDirectoryIntegrity();
    }

    [Fact]
    public async Task CallInFlight_ToASiloThatIsKilled_FailsFastWithSiloUnavailable()
    {
        var key = TestSupport.NewKey("inflight");
        var grain = _cluster.Client.GetGrain<ISiloProbeGrain>(key);
        var host = _cluster.Silos.Single(s => s.Address.ToParsableString() == grain.WhereAreYou().Result);
        var parked = grain.Park();
        await Signals.Wait($"probe-entered:{key}");

        var started = DateTime.UtcNow;
        await _cluster.KillSiloAsync(host);

        // Bounded well below the 30 s response timeout; the exact figure is not asserted (noisy machines).
        var failure = await Assert.ThrowsAsync<SiloUnavailableException>(() => parked.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), failure.Message);
        Signals.Set($"probe-release:{key}");
    }

    [Fact]
    public async Task GracefulStop_HandsGrainsOverWithTheirState_AndARestartedSiloJoinsAsANewGeneration()
    {
        var key = TestSupport.NewKey("stop");
        var grain = _cluster.Client.GetGrain<ISiloProbeGrain>(key);
        Assert.Equal(1, await grain.Add().WithTimeout());
        var host = _cluster.Silos.Single(s => s.Hosts(ClusterTestExtensions.ProbeId(key)));

        var restarted = await _cluster.RestartSiloAsync(host).WithTimeout();
        Assert.True(restarted.Address.IsSameEndpoint(host.Address));
        Assert.True(restarted.Address.Generation > host.Address.Generation);
        await _cluster.WaitForActiveAsync().WithTimeout();

        await _cluster.WaitUntilConnectedAsync().WithTimeout();
        Assert.Equal(2, await grain.Add().WithTimeout());
        Assert.Single(_cluster.HostsOf(ClusterTestExtensions.ProbeId(key)));
        _cluster.AssertDirectoryIntegrity();
    }

}
