using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>A stream item with its own id, as the domain's envelopes have.</summary>
public sealed record IdentifiedItem(string Id, int Value) : IIdentifiedStreamItem
{
    string? IIdentifiedStreamItem.PublicationId => Id;
}
