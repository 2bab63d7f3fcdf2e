using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>Cluster settings the conversation tests share.</summary>
public static class ChatClusters
{
    /// <summary>Long client stream leases, so a probe survives big fake-clock jumps whenever its renewal runs.</summary>
    public static InProcessTestClusterBuilder LongClientLeases(InProcessTestClusterBuilder builder) => builder
        .WithSetting("Realtime:ClientStreams:SubscriptionLease", "30.00:00:00")
        .WithSetting("Realtime:ClientStreams:RenewalPeriod", "10.00:00:00");
}
