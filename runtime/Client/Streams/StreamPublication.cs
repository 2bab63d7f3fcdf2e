using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>An item published to a stream, serialized once by the producer and never mutated after.</summary>
[Immutable]
public sealed record StreamPublication(byte[] Payload)
{
    /// <summary>False when the item opted out of the stream's history (<see cref="IStreamHistoryItem"/>).</summary>
    public bool RetainInHistory { get; init; } = true;

    /// <summary>
    /// False when the item opted out of the stream log (<see cref="IStreamLogItem"/>): it is then not written
    /// durably and is gone after a failover. Only retained items are ever logged.
    /// </summary>
    public bool PersistInLog { get; init; } = true;

    /// <summary>The item's id (<see cref="IIdentifiedStreamItem"/>): a repeat of a recent id is not numbered again.</summary>
    public string? PublicationId { get; init; }
}
