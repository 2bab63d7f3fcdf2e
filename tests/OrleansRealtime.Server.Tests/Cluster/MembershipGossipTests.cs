using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Cluster;

/// <summary>Silos learn of a joining or stopping silo from its notice, not only at their next full table read.</summary>
public sealed class MembershipGossipTests : IAsyncLifetime
{
    // A refresh period far beyond the test's waits: only the notices can make the views agree in time.
    private readonly MultiSiloTestCluster _cluster = ClusterTestExtensions.NewCluster(new Dictionary<string, string?>
    {
        ["Realtime:Clustering:TableRefreshPeriod"] = "00:10:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task AJoiningSilo_IsSeenActiveByTheOthers_AndAStoppingOne_IsNoLongerSeenActive()
    {
        await _cluster.StartSiloAsync().WithTimeout();
        await _cluster.StartSiloAsync().WithTimeout();
        await _cluster.StartSiloAsync().WithTimeout();
        await _cluster.WaitForActiveAsync(TimeSpan.FromSeconds(20)).WithTimeout();

        var leaving = _cluster.Silos[1];
        await _cluster.StopSiloAsync(leaving).WithTimeout();
        await _cluster.WaitForActiveAsync(TimeSpan.FromSeconds(20)).WithTimeout();
        Assert.All(_cluster.Silos, s => Assert.DoesNotContain(leaving.Address, s.Membership.Current.ActiveSilos));
    }
}
