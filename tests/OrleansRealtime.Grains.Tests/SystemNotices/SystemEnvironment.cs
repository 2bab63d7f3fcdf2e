using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.SystemNotices;

/// <summary>
/// A cluster of its own (the system grain is a singleton, so tests must not share it), a fake clock, the
/// system grain and a probe on the broadcast stream.
/// </summary>
internal sealed class SystemEnvironment : IAsyncDisposable
{
    private SystemEnvironment(FakeTimeProvider time, InProcessTestCluster cluster, StreamProbe probe)
    {
        Time = time;
        Cluster = cluster;
        Probe = probe;
    }

    public FakeTimeProvider Time { get; }

    public InProcessTestCluster Cluster { get; }

    public StreamProbe Probe { get; }

    public ISystemGrain System => Cluster.Client.GetGrain<ISystemGrain>(SystemGrainKey.Global);

    /// <summary>Long client stream leases, so the probe survives big clock jumps regardless of when its renewal runs.</summary>
    public static void LongClientLeases(InProcessTestClusterBuilder builder) => builder
        .WithSetting("Realtime:ClientStreams:SubscriptionLease", "30.00:00:00")
        .WithSetting("Realtime:ClientStreams:RenewalPeriod", "10.00:00:00");

    public static async Task<SystemEnvironment> StartAsync(DateTimeOffset start, Action<InProcessTestClusterBuilder>? configure = null)
    {
        var time = new FakeTimeProvider(start);
        var cluster = await DomainCluster.StartAsync(time, b =>
        {
            LongClientLeases(b);
            configure?.Invoke(b);
        });
        var probe = await StreamProbe.ForBroadcastAsync(cluster.Client);
        return new SystemEnvironment(time, cluster, probe);
    }

    public async ValueTask DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
