using System.Text.Json;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>
/// Which envelopes the stream log keeps across a failover, the stream's in-memory history before it, and the
/// stream's window of recent ids that recognizes a retried publish: all but the ephemeral ones, which a resume never
/// replays and the outbox never retries.
/// </summary>
public sealed class EnvelopeStreamLogTests
{
    [Fact]
    public void Every_catalog_event_but_the_ephemeral_ones_is_logged_and_kept_in_history()
    {
        foreach (var descriptor in EventCatalog.All)
        {
            var envelope = Envelope.Custom(descriptor.Type, null, JsonDocument.Parse("{}").RootElement, DateTimeOffset.UnixEpoch);

            Assert.Equal(descriptor.Delivery != DeliveryClass.Ephemeral, ((IStreamLogItem)envelope).PersistInLog);
            Assert.Equal(descriptor.Delivery != DeliveryClass.Ephemeral, ((IStreamHistoryItem)envelope).RetainInHistory);
            Assert.Equal(descriptor.Delivery != DeliveryClass.Ephemeral ? envelope.Id : null, ((IIdentifiedStreamItem)envelope).PublicationId);
        }
    }

    [Fact]
    public void Types_outside_the_catalog_are_logged_and_kept_and_the_flags_are_not_serialized()
    {
        var envelope = Envelope.Custom("plugin_update", "updated", JsonDocument.Parse("{}").RootElement, DateTimeOffset.UnixEpoch);

        Assert.True(((IStreamLogItem)envelope).PersistInLog);
        Assert.True(((IStreamHistoryItem)envelope).RetainInHistory);
        Assert.Equal(envelope.Id, ((IIdentifiedStreamItem)envelope).PublicationId);
        var json = JsonSerializer.Serialize(envelope);
        Assert.DoesNotContain("persist", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("retain", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("replayable", json, StringComparison.OrdinalIgnoreCase);
    }
}
