using OrleansRealtime.Server.Hosting;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests;

/// <summary>Builders for the test clusters used across this project.</summary>
public static class TestClusters
{
    public static InProcessTestClusterBuilder Builder() =>
        new InProcessTestClusterBuilder()
            .ConfigureSilo(silo => silo.AddGrainsFromAssembly(typeof(TestClusters).Assembly));
}

/// <summary>One shared real-time cluster for tests that need no special configuration.</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = TestClusters.Builder()
        .WithSetting("Realtime:Messaging:ResponseTimeout", "00:00:02")
        .Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync().AsTask();
}
