using System.Text.Json;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>Which envelopes the stream log keeps across a failover: all but the ephemeral ones, which a resume never replays.</summary>
public sealed class EnvelopeStreamLogTests
{
    [Fact]
    public void Every_catalog_event_but_the_ephemeral_ones_is_logged()
    {
        foreach (var descriptor in EventCatalog.All)
        {
            IStreamLogItem envelope = Envelope.Custom(descriptor.Type, null, JsonDocument.Parse("{}").RootElement, DateTimeOffset.UnixEpoch);

            Assert.Equal(descriptor.Delivery != DeliveryClass.Ephemeral, envelope.PersistInLog);
        }
    }

    [Fact]
    public void Types_outside_the_catalog_are_logged_and_the_flag_is_not_serialized()
    {
        var envelope = Envelope.Custom("plugin_update", "updated", JsonDocument.Parse("{}").RootElement, DateTimeOffset.UnixEpoch);

        Assert.True(((IStreamLogItem)envelope).PersistInLog);
        Assert.DoesNotContain("persist", JsonSerializer.Serialize(envelope), StringComparison.OrdinalIgnoreCase);
    }
}
