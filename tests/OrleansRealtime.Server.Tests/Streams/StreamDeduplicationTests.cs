using System.Threading.Channels;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>A retried publish of an item with an id (an outbox retry after an unknown outcome) is not numbered twice.</summary>
public sealed class StreamDeduplicationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARepeatedId_IsDeliveredOnce_AndDoesNotMoveThePosition(bool withStreamLog)
    {
        var builder = TestClusters.Builder();
        if (withStreamLog)
        {
            builder.ConfigureSilo(s => s.AddMemoryStreamLog());
        }

        await using var cluster = builder.Build();
        await cluster.DeployAsync().WithTimeout();
        var received = Channel.CreateUnbounded<(IdentifiedItem Item, StreamSequenceToken Token)>();
        var stream = cluster.Client.GetStreamProvider("sms").GetStream<IdentifiedItem>(StreamId.Create("dedup", TestSupport.NewKey()));
        await stream.SubscribeAsync((item, token) => received.Writer.WriteAsync((item, token!)).AsTask()).WithTimeout();

        await stream.OnNextAsync(new IdentifiedItem("a", 1)).WithTimeout();
        await stream.OnNextAsync(new IdentifiedItem("a", 1)).WithTimeout(); // the retry
        await Task.WhenAll(stream.OnNextAsync(new IdentifiedItem("b", 2)), stream.OnNextAsync(new IdentifiedItem("b", 2))).WithTimeout();
        await stream.OnNextAsync(new IdentifiedItem("c", 3)).WithTimeout();

        var position = await stream.GetPositionAsync().WithTimeout();
        var items = new List<(IdentifiedItem Item, StreamSequenceToken Token)>();
        for (int i = 0; i < 3; i++)
        {
            items.Add(await received.Reader.ReadAsync().AsTask().WithTimeout());
        }

        Assert.Equal(["a", "b", "c"], items.Select(x => x.Item.Id));
        Assert.Equal(items[2].Token, position);
        Assert.Equal([1L, 2L, 3L], items.Select(x => x.Token.Sequence - items[0].Token.Sequence + 1));
        Assert.False(received.Reader.TryRead(out _));
    }
}
