using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.Server.Messaging;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>
/// A stream delivers to a client one-way once the client confirmed an awaited delivery, until
/// <c>Realtime:Streams:ClientConfirmationInterval</c> has passed. The fake clock never moves on its own, so every item
/// after the first is one-way here unless a test advances it.
/// </summary>
public sealed class ClientOneWayDeliveryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly InProcessTestCluster _cluster;

    public ClientOneWayDeliveryTests() => _cluster = TestClusters.Builder()
        .UseTimeProvider(_time)
        .WithSetting("Realtime:Streams:ClientConfirmationInterval", "00:00:01")
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task OneWayItems_ReachASlowObserver_OneAtATime_InStreamOrder()
    {
        var key = TestSupport.NewKey();
        var received = Channel.CreateUnbounded<(int Item, long Sequence)>();
        int running = 0, mostAtOnce = 0;
        var stream = _cluster.Client.GetStreamProvider("sms").GetStream<int>(StreamId.Create("oneway", key));
        await stream.SubscribeAsync(async (item, token) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);

            // Gives the next item every chance to start before this one finished.
            await Task.Delay(2);
            await received.Writer.WriteAsync((item, token!.Sequence));
            Interlocked.Decrement(ref running);
        }).WithTimeout();

        await _cluster.Client.GetGrain<IProducerGrain>(TestSupport.NewKey()).Publish("oneway", key, 0, 40).WithTimeout();

        for (int i = 0; i < 40; i++)
        {
            var (item, sequence) = await received.Reader.ReadAsync().AsTask().WithTimeout();
            Assert.Equal(i, item);
            Assert.Equal(i + 1, sequence);
        }

        Assert.Equal(1, mostAtOnce);
    }

    [Fact]
    public async Task AVanishedClient_IsDropped_AtTheFirstAwaitedDeliveryAfterTheInterval()
    {
        var streamId = StreamId.Create("oneway", TestSupport.NewKey());
        var client = (ClusterClient)_cluster.Client;
        var received = Channel.CreateUnbounded<int>();
        await client.GetStreamProvider("sms").GetStream<int>(streamId).SubscribeAsync((item, _) => received.Writer.WriteAsync(item).AsTask()).WithTimeout();
        var rendezvous = _cluster.GrainFactory.GetGrain<IStreamRendezvousGrain>(StreamKeys.Rendezvous("sms", streamId));
        var publisher = _cluster.GrainFactory.GetGrain<IProducerGrain>(TestSupport.NewKey());

        // The first item is awaited and confirms the client.
        await publisher.Publish("oneway", streamId.Key, 1, 1).WithTimeout();
        Assert.Equal(1, await received.Reader.ReadAsync().AsTask().WithTimeout());

        // The client vanishes without unsubscribing: the silo no longer knows its host.
        _cluster.SiloServices.GetRequiredService<SiloMessageCenter>().DetachClient(client.ClientId);

        // Within the interval the item goes one-way and is lost on the way: nobody learns of it yet.
        await publisher.Publish("oneway", streamId.Key, 2, 1).WithTimeout();
        Assert.Single(await rendezvous.GetSubscriptionsAsync(client.StreamConsumerId).WithTimeout());

        // After it, the next item is awaited, fails with ClientNotAvailable, and the subscription goes.
        _time.Advance(TimeSpan.FromSeconds(2));
        await publisher.Publish("oneway", streamId.Key, 3, 1).WithTimeout();
        Assert.Empty(await rendezvous.GetSubscriptionsAsync(client.StreamConsumerId).WithTimeout());
        Assert.False(received.Reader.TryRead(out _));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
