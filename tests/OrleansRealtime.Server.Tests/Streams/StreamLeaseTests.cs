using System.Threading.Channels;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>Client subscriptions are leases (default 1 minute): renewed while the client runs, dropped when not.</summary>
public sealed class StreamLeaseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    // Renewals are driven by the tests (RenewStreamLeasesAsync), not by the client's background timer.
    public StreamLeaseTests() => _cluster = TestClusters.Builder()
        .UseTimeProvider(_time)
        .WithSetting("Realtime:ClientStreams:SubscriptionLease", "00:01:00")
        .WithSetting("Realtime:ClientStreams:RenewalPeriod", "00:00:59")
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task RenewedLease_KeepsTheSubscription()
    {
        var key = TestSupport.NewKey();
        var received = Channel.CreateUnbounded<int>();
        var stream = _cluster.Client.GetStreamProvider("sms").GetStream<int>(StreamId.Create("lease", key));
        await stream.SubscribeAsync((item, _) => received.Writer.WriteAsync(item).AsTask()).WithTimeout();

        _time.Advance(TimeSpan.FromSeconds(50));
        await ((ClusterClient)_cluster.Client).RenewStreamLeasesAsync().WithTimeout();
        _time.Advance(TimeSpan.FromSeconds(50));
        await stream.OnNextAsync(1).WithTimeout();

        Assert.Equal(1, await received.Reader.ReadAsync().AsTask().WithTimeout());
    }

    [Fact]
    public async Task UnrenewedLease_IsDroppedAfterItExpires()
    {
        var streamId = StreamId.Create("lease", TestSupport.NewKey());
        var rendezvous = _cluster.GrainFactory.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous("sms", streamId));
        var deadClient = new GrainId("sys.observer", "client-gone/0");
        await rendezvous.RegisterAsync(new StreamSubscriptionRecord(Guid.NewGuid(), deadClient, TimeSpan.FromMinutes(1))).WithTimeout();
        Assert.Single(await rendezvous.GetSubscriptionsAsync(deadClient).WithTimeout());

        _time.Advance(TimeSpan.FromMinutes(2));
        await rendezvous.PublishAsync(new StreamPublication([.. "1"u8])).WithTimeout();

        Assert.Empty(await rendezvous.GetSubscriptionsAsync(deadClient).WithTimeout());
    }

    [Fact]
    public async Task SubscriptionOfAVanishedClient_IsDroppedAtTheNextDelivery()
    {
        var streamId = StreamId.Create("lease", TestSupport.NewKey());
        var rendezvous = _cluster.GrainFactory.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous("sms", streamId));
        var deadClient = new GrainId("sys.observer", "client-gone/1");
        await rendezvous.RegisterAsync(new StreamSubscriptionRecord(Guid.NewGuid(), deadClient, TimeSpan.FromMinutes(10))).WithTimeout();

        await rendezvous.PublishAsync(new StreamPublication([.. "1"u8])).WithTimeout();

        Assert.Empty(await rendezvous.GetSubscriptionsAsync(deadClient).WithTimeout());
    }
}
