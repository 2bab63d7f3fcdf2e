using OrleansRealtime.Client.Streams;

namespace OrleansRealtime.Server.Streams;

/// <summary>What a stream keeps durably: its explicit subscriptions and the last epoch it used.</summary>
public sealed class StreamRendezvousState
{
    public List<StreamSubscriptionRecord> Subscriptions { get; set; } = [];

    public long LastEpoch { get; set; }
}
