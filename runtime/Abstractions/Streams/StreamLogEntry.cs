using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// One durable item of a stream in its log: its sequence number within the epoch it is appended to, the
/// payload exactly as the producer serialized it, when the stream accepted it (the stream's clock, used
/// to trim by age), and the item's own id when it has one (<see cref="IIdentifiedStreamItem"/>), which is
/// what lets a re-activated stream still recognize a retried publish of it. The payload is never changed
/// after it is handed to the log.
/// </summary>
[Immutable]
public sealed record StreamLogEntry(long Sequence, byte[] Payload, DateTimeOffset Timestamp, string? PublicationId = null);
