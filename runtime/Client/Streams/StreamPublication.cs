using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Client.Streams;

/// <summary>An item published to a stream, serialized once by the producer and never mutated after.</summary>
[Immutable]
public sealed record StreamPublication(byte[] Payload);
