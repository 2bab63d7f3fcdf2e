using OrleansRealtime.Grains.Hosting;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.TestSupport;

/// <summary>An in-process cluster with every domain grain registered (memory storage and reminders, shared across restarts).</summary>
public static class DomainCluster
{
    public static InProcessTestClusterBuilder Builder(TimeProvider? time = null)
    {
        var builder = new InProcessTestClusterBuilder().ConfigureSilo(s => s.AddRealtimeGrains());
        return time is null ? builder : builder.UseTimeProvider(time);
    }

    public static async Task<InProcessTestCluster> StartAsync(TimeProvider? time = null, Action<InProcessTestClusterBuilder>? configure = null)
    {
        var builder = Builder(time);
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync().WithTimeout();
        return cluster;
    }
}
