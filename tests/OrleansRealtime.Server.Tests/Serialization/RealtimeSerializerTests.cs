using System.Text;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Tests.Serialization;

/// <summary>The wire and storage format: tolerant of added and removed members, and complete (fields too).</summary>
public sealed class RealtimeSerializerTests
{
    private readonly RealtimeSerializer _serializer = new(new NoReferences());

    [Fact]
    public void UnknownMembers_AreSkipped_AndMissingOnesTakeTheirDefault()
    {
        var json = """{"name":"ada","addedLater":{"nested":[1,2,3]}}"""u8;

        var value = _serializer.Deserialize<Versioned>(json, "test");

        Assert.Equal("ada", value.Name);
        Assert.Equal(7, value.Level);
    }

    [Fact]
    public void PublicFields_RoundTrip()
    {
        var copy = _serializer.Copy(new WithField { Count = 3 }, "test");

        Assert.Equal(3, copy.Count);
    }

    [Fact]
    public void UnserializableValue_FailsWithGrainSerializationException_NamingWhat()
    {
        var ex = Assert.Throws<GrainSerializationException>(() => _serializer.Serialize(new { Type = typeof(string) }, "State 'x'"));

        Assert.StartsWith("State 'x'", ex.Message);
    }

    [Fact]
    public void AValueNamedWithItsSubject_IsNamedInFull_OnlyInTheError()
    {
        var stream = StreamId.Create("events", "u1");

        var unwritable = Assert.Throws<GrainSerializationException>(() => _serializer.Serialize(new { Type = typeof(string) }, "An item of stream", stream));
        var unreadable = Assert.Throws<GrainSerializationException>(() => _serializer.Deserialize<Versioned>("[1]"u8, "An item of stream", stream));

        Assert.StartsWith($"An item of stream {stream} of type", unwritable.Message);
        Assert.StartsWith($"An item of stream {stream} cannot be read as Versioned", unreadable.Message);
        Assert.Equal("ada", _serializer.Deserialize<Versioned>("""{"name":"ada"}"""u8, "An item of stream", stream).Name);
    }

    [Fact]
    public void MalformedPayload_FailsWithGrainSerializationException()
    {
        Assert.Throws<GrainSerializationException>(() => _serializer.Deserialize<Versioned>(Encoding.UTF8.GetBytes("{not json"), "test"));
    }

    public sealed class Versioned
    {
        public string Name { get; set; } = "";

        public int Level { get; set; } = 7;
    }

    public sealed class WithField
    {
        public int Count;
    }

    private sealed class NoReferences : IGrainReferenceFactory
    {
        public GrainReference CreateReference(GrainId grainId, Type interfaceType) => throw new NotSupportedException();
    }
}
