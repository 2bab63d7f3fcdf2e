using System.Threading.Channels;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Server.Tests.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Cluster;

/// <summary>A remote client over TCP: observers and stream subscriptions across silos, and both after its gateway dies.</summary>
public sealed class ClusterClientTests : IAsyncLifetime
{
    private readonly MultiSiloTestCluster _cluster = ClusterTestExtensions.NewCluster();

    public Task InitializeAsync() => _cluster.DeployAsync(silos: 2).WithTimeout();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task ClientObserver_IsCalledByGrainsOnEitherSilo()
    {
        var received = Channel.CreateUnbounded<string>();
        var observer = _cluster.Client.CreateObjectReference<IChatObserver>(new ChannelObserver(received.Writer));

        // Rooms on both silos (random placement over 20 rooms), each calling the client's observer.
        var rooms = Enumerable.Range(0, 20).Select(i => _cluster.Client.GetGrain<IChatRoomGrain>(TestSupport.NewKey($"room{i}"))).ToList();
        foreach (var room in rooms)
        {
            await room.Join(observer).WithTimeout();
        }

        Assert.All(_cluster.Silos, silo => Assert.Contains(rooms, r => silo.Hosts(r.GetGrainId())));
        for (int i = 0; i < rooms.Count; i++)
        {
            Assert.Equal(1, await rooms[i].Say($"hello {i}").WithTimeout());
        }

        var messages = new List<string>();
        for (int i = 0; i < rooms.Count; i++)
        {
            messages.Add(await received.Reader.ReadAsync().AsTask().WithTimeout());
        }

        Assert.Equal(Enumerable.Range(0, rooms.Count).Select(i => $"hello {i}"), messages);
    }

    [Fact]
    public async Task ClientStreamSubscription_ReceivesItemsPublishedOnAnySilo_InOrder()
    {
        var key = TestSupport.NewKey();
        var received = Channel.CreateUnbounded<(int Item, StreamSequenceToken Token)>();
        var stream = _cluster.Client.GetStreamProvider("sms").GetStream<int>(StreamId.Create("cluster", key));
        await stream.SubscribeAsync((item, token) => received.Writer.WriteAsync((item, token!)).AsTask()).WithTimeout();

        // Producers are placed at random; the rendezvous orders everything.
        await _cluster.Silos[0].GrainFactory.GetGrain<IProducerGrain>(TestSupport.NewKey()).Publish("cluster", key, 0, 50).WithTimeout();
        await _cluster.Silos[1].GrainFactory.GetGrain<IProducerGrain>(TestSupport.NewKey()).Publish("cluster", key, 50, 50).WithTimeout();

        long previous = 0;
        for (int i = 0; i < 100; i++)
        {
            var (item, token) = await received.Reader.ReadAsync().AsTask().WithTimeout();
            Assert.Equal(i, item);
            Assert.Equal(previous + 1, token.Sequence);
            previous = token.Sequence;
        }
    }

    [Fact]
    public async Task WhenItsGatewaySiloIsKilled_TheClientReconnects_AndItsObserverAndStreamSubscriptionWorkAgain()
    {
        var client = _cluster.Client;
        var connection = (TcpClusterConnection)client.Connection;
        var gateway = _cluster.Silos.Single(s => s.Address.ToParsableString() == connection.GatewaySilo);
        var survivor = _cluster.Silos.Single(s => s != gateway);

        var items = Channel.CreateUnbounded<int>();
        var key = TestSupport.NewKey();
        var stream = client.GetStreamProvider("sms").GetStream<int>(StreamId.Create("reconnect", key));
        await stream.SubscribeAsync((item, _) => items.Writer.WriteAsync(item).AsTask()).WithTimeout();
        var messages = Channel.CreateUnbounded<string>();
        var observer = client.CreateObjectReference<IChatObserver>(new ChannelObserver(messages.Writer));
        var chat = client.GetGrain<IChatRoomGrain>(TestSupport.NewKey());
        await chat.Join(observer).WithTimeout();

        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Reconnected += () => reconnected.TrySetResult();
        await _cluster.KillSiloAsync(gateway).WithTimeout();
        await reconnected.Task.WithTimeout();
        Assert.Equal(survivor.Address.ToParsableString(), connection.GatewaySilo);
        await _cluster.WaitUntilDeadAsync(gateway).WithTimeout();

        // The rendezvous and the chat room may have lived on the killed silo; they come back on the survivor, and
        // the client's subscription and observer (re-registered on reconnect) are reached there.
        await survivor.GrainFactory.GetGrain<IProducerGrain>(TestSupport.NewKey()).Publish("reconnect", key, 7, 1).WithTimeout();
        Assert.Equal(7, await ReadSkippingAsync(items.Reader, 7));

        await chat.Join(observer).WithTimeout();
        await chat.Say("after").WithTimeout();
        Assert.Equal("after", await messages.Reader.ReadAsync().AsTask().WithTimeout());
    }

    private static async Task<int> ReadSkippingAsync(ChannelReader<int> reader, int wanted)
    {
        while (true)
        {
            var item = await reader.ReadAsync().AsTask().WithTimeout();
            if (item == wanted)
            {
                return item;
            }
        }
    }

    private sealed class ChannelObserver(ChannelWriter<string> writer) : IChatObserver
    {
        public Task ReceiveMessage(string message) => writer.WriteAsync(message).AsTask();
    }
}
