using System.Threading.Channels;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

public sealed class StreamTests : IAsyncLifetime
{
    private readonly InProcessTestCluster _cluster = TestClusters.Builder().Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task ClientSubscriber_ReceivesItemsInOrder_WithIncreasingSeq()
    {
        var key = TestSupport.NewKey();
        var received = Channel.CreateUnbounded<(int Item, StreamSequenceToken Token)>();
        var stream = _cluster.Client.GetStreamProvider("sms").GetStream<int>(StreamId.Create("ordered", key));
        await stream.SubscribeAsync((item, token) => received.Writer.WriteAsync((item, token!)).AsTask()).WithTimeout();

        // Published by a grain and by the client, concurrently from many callers is not ordered by definition,
        // so one producer publishes sequentially.
        await _cluster.Client.GetGrain<IProducerGrain>(TestSupport.NewKey()).Publish("ordered", key, 0, 100).WithTimeout();

        StreamSequenceToken? previous = null;
        for (int i = 0; i < 100; i++)
        {
            var (item, token) = await received.Reader.ReadAsync().AsTask().WithTimeout();
            Assert.Equal(i, item);
            if (previous is not null)
            {
                Assert.Equal(previous.Epoch, token.Epoch);
                Assert.Equal(previous.Sequence + 1, token.Sequence);
            }

            previous = token;
        }
    }

    [Fact]
    public async Task Publish_WithNoSubscriber_Succeeds()
    {
        var stream = _cluster.Client.GetStreamProvider("sms").GetStream<string>(StreamId.Create("nobody", TestSupport.NewKey()));

        await stream.OnNextAsync("into the void").WithTimeout();
    }

    [Fact]
    public async Task GrainSubscription_SurvivesReactivation()
    {
        var (consumerKey, streamKey) = (TestSupport.NewKey(), TestSupport.NewKey());
        var consumer = _cluster.Client.GetGrain<IStreamConsumerGrain>(consumerKey);
        await consumer.Subscribe("durable", streamKey).WithTimeout();
        await Publish("durable", streamKey, 1);
        await Signals.Wait($"got:{consumerKey}:durable/{streamKey}:1");

        await _cluster.DeactivateGrainAsync(consumer).WithTimeout();
        await Publish("durable", streamKey, 2);

        await Signals.Wait($"got:{consumerKey}:durable/{streamKey}:2");
        Assert.Equal(1, await consumer.HandleCount("durable", streamKey).WithTimeout());
    }

    [Fact]
    public async Task GrainSubscription_SurvivesSiloRestart_AndTheEpochMovesOn()
    {
        var (consumerKey, streamKey) = (TestSupport.NewKey(), TestSupport.NewKey());
        await _cluster.Client.GetGrain<IStreamConsumerGrain>(consumerKey).Subscribe("restart", streamKey).WithTimeout();
        await Publish("restart", streamKey, 1);
        var before = (StreamSequenceToken)(await Signals.Wait($"got:{consumerKey}:restart/{streamKey}:1"))!;

        await _cluster.RestartSiloAsync().WithTimeout();
        await Publish("restart", streamKey, 2);

        var after = (StreamSequenceToken)(await Signals.Wait($"got:{consumerKey}:restart/{streamKey}:2"))!;
        Assert.True(after.Epoch > before.Epoch, $"epoch {after.Epoch} should be after {before.Epoch}");
        Assert.Equal(1, after.Sequence);
    }

    [Fact]
    public async Task ImplicitSubscription_ActivatesTheGrainWithTheStreamKey()
    {
        var key = TestSupport.NewKey();

        await Publish("implicit", key, 7);

        await Signals.Wait($"implicit:{key}:7");
        Assert.Equal(1, await _cluster.Client.GetGrain<IImplicitConsumerGrain>(key).Received().WithTimeout());
    }

    [Fact]
    public async Task UnsubscribedClient_ReceivesNothingMore()
    {
        var key = TestSupport.NewKey();
        var received = Channel.CreateUnbounded<int>();
        var stream = _cluster.Client.GetStreamProvider("sms").GetStream<int>(StreamId.Create("unsub", key));
        var handle = await stream.SubscribeAsync((item, _) => received.Writer.WriteAsync(item).AsTask()).WithTimeout();
        await stream.OnNextAsync(1).WithTimeout();
        Assert.Equal(1, await received.Reader.ReadAsync().AsTask().WithTimeout());

        await handle.UnsubscribeAsync().WithTimeout();
        await stream.OnNextAsync(2).WithTimeout();

        Assert.False(received.Reader.TryRead(out _));
    }

    private Task Publish(string ns, string key, int item) =>
        _cluster.Client.GetStreamProvider("sms").GetStream<int>(StreamId.Create(ns, key)).OnNextAsync(item).WithTimeout();
}
