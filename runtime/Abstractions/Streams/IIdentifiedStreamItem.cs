namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// An item that carries its own id. A stream numbers an item only once per id among its recent items: publishing an
/// item again with the same id (a retry after a publish whose outcome the producer could not see) returns the token
/// of the first publish instead of appending a copy. Recent means the last
/// <c>Realtime:Streams:DeduplicationCapacity</c> items numbered by the stream's current activation, and, where a stream
/// log is configured, the logged items of the activations before it in the same epoch (the log keeps their ids).
/// </summary>
public interface IIdentifiedStreamItem
{
    /// <summary>The item's id, or null for an item that must never be treated as a repeat.</summary>
    string? PublicationId { get; }
}
