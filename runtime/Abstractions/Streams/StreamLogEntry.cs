using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// One durable item of a stream in its log: its sequence number within the epoch it is appended to, the
/// payload exactly as the producer serialized it, and when the stream accepted it (the stream's clock, used
/// to trim by age). The payload is never changed after it is handed to the log.
/// </summary>
[Immutable]
public sealed record StreamLogEntry(long Sequence, byte[] Payload, DateTimeOffset Timestamp);
