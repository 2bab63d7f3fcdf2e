using System.Text;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;

namespace OrleansRealtime.Server.Tests.Serialization;

/// <summary>Stream ids and tokens are written by hand, in the shape the default contract wrote (stored state and peers read it).</summary>
public sealed class StreamJsonConvertersTests
{
    private readonly RealtimeSerializer _serializer = new(new NoReferences());

    [Fact]
    public void StreamDelivery_IsWrittenInTheDefaultContractsShape_AndRoundTrips()
    {
        var delivery = new StreamDelivery("sms", StreamId.Create("chat", "room/1"), Guid.Empty, [1, 2, 3], new StreamSequenceToken(42, 1700000000000));

        var json = Encoding.UTF8.GetString(_serializer.Serialize(delivery, "test"));
        var copy = _serializer.Deserialize<StreamDelivery>(Encoding.UTF8.GetBytes(json), "test");

        Assert.Contains("\"streamId\":{\"namespace\":\"chat\",\"key\":\"room/1\"}", json);
        Assert.Contains("\"token\":{\"sequence\":42,\"epoch\":1700000000000}", json);
        Assert.Equal(delivery.StreamId, copy.StreamId);
        Assert.Equal(delivery.Token, copy.Token);
    }

    [Fact]
    public void Reads_AreCaseInsensitive_SkipUnknownMembers_AndDefaultMissingOnes()
    {
        var id = _serializer.Deserialize<StreamId>("""{"Key":"k","extra":{"a":[1,{"b":2}]},"NAMESPACE":"ns"}"""u8, "test");
        var token = _serializer.Deserialize<StreamSequenceToken>("""{"Sequence":5,"later":true}"""u8, "test");
        var none = _serializer.Deserialize<StreamSequenceToken?>("null"u8, "test");

        Assert.Equal(StreamId.Create("ns", "k"), id);
        Assert.Equal(new StreamSequenceToken(5, 0), token);
        Assert.Null(none);
    }

    [Fact]
    public void AMalformedToken_FailsAsASerializationError()
    {
        Assert.Throws<Abstractions.Exceptions.GrainSerializationException>(() => _serializer.Deserialize<StreamSequenceToken>("""[1,2]"""u8, "test"));
    }

    private sealed class NoReferences : IGrainReferenceFactory
    {
        public GrainReference CreateReference(GrainId grainId, Type interfaceType) => throw new NotSupportedException();
    }
}
