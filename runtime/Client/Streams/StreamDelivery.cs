using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>One item on its way to one subscription. The payload is the item already serialized once by the producer.</summary>
[Immutable]
public sealed record StreamDelivery(string ProviderName, StreamId StreamId, Guid SubscriptionId, byte[] Payload, StreamSequenceToken Token);
