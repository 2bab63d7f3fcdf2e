using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Cluster;

/// <summary>Reminders in a cluster: each is ticked by one silo (its hash range), not by every silo.</summary>
public sealed class ClusterReminderTests : IAsyncLifetime
{
    private readonly MultiSiloTestCluster _cluster = ClusterTestExtensions.NewCluster(new Dictionary<string, string?>
    {
        ["Realtime:Reminders:MinimumReminderPeriod"] = "00:00:01",
    });

    public Task InitializeAsync() => _cluster.DeployAsync(silos: 3).WithTimeout();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task EachReminder_TicksOncePerPeriod_NotOncePerSilo()
    {
        var keys = Enumerable.Range(0, 6).Select(i => TestSupport.NewKey($"rem{i}")).ToList();
        foreach (var key in keys)
        {
            await _cluster.Client.GetGrain<IReminderGrain>(key).Register("tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)).WithTimeout();
        }

        // Due at 1 s, then every 2 s: by the 4th tick of each (about 7 s), three silos ticking every reminder would
        // have delivered about three times as many.
        foreach (var key in keys)
        {
            await Signals.Wait($"reminder:{key}:tick:4");
        }

        foreach (var key in keys)
        {
            int ticks = Counters.Get($"reminder:{key}:tick");
            Assert.InRange(ticks, 4, 6);
            await _cluster.Client.GetGrain<IReminderGrain>(key).Unregister("tick").WithTimeout();
        }
    }
}
