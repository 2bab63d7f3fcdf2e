using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>A retained item as the rendezvous keeps it: the payload the producer serialized, and its token.</summary>
[Immutable]
public sealed record StreamHistoryRecord(byte[] Payload, StreamSequenceToken Token);
