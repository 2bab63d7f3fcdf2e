using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>The history messages cross the wire format intact (in one process they are passed without a copy).</summary>
public sealed class StreamHistoryWireTests
{
    private readonly RealtimeSerializer _serializer = new(new NoReferences());

    [Fact]
    public void HistoryRead_RoundTrips()
    {
        var read = new StreamHistoryRead([new StreamHistoryRecord([1, 2, 3], new StreamSequenceToken(4, 9))], IsComplete: true, HasMore: true, new StreamSequenceToken(6, 9));

        var copy = _serializer.Copy(read, "test");

        Assert.Equal([1, 2, 3], copy.Items.Single().Payload);
        Assert.Equal(new StreamSequenceToken(4, 9), copy.Items.Single().Token);
        Assert.True(copy.IsComplete);
        Assert.True(copy.HasMore);
        Assert.Equal(new StreamSequenceToken(6, 9), copy.Position);
    }

    [Fact]
    public void Publication_OfAnOlderPeerWithoutTheFlag_IsRetained()
    {
        var copy = _serializer.Deserialize<StreamPublication>("""{"payload":"AQI="}"""u8, "test");

        Assert.True(copy.RetainInHistory);
        Assert.False(_serializer.Copy(new StreamPublication([1]) { RetainInHistory = false }, "test").RetainInHistory);
    }

    private sealed class NoReferences : IGrainReferenceFactory
    {
        public GrainReference CreateReference(GrainId grainId, Type interfaceType) => throw new NotSupportedException();
    }
}
