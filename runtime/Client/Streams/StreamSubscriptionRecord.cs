using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Client.Streams;

/// <summary>
/// A durable explicit subscription: who consumes (a grain id, or a client's observer id) and, for
/// clients, the lease length after which an unrenewed subscription is dropped.
/// </summary>
public sealed record StreamSubscriptionRecord(Guid SubscriptionId, GrainId Consumer, TimeSpan? Lease)
{
    /// <summary>When the lease ends (rendezvous clock); null for grain subscriptions, which never expire.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}
