namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>One client's verdict: acknowledged events delivered, unacknowledged ones seen (allowed once), and every problem found.</summary>
public sealed record DeliveryResult(string Client, int DeliveredAcknowledged, int UnacknowledgedSeen, IReadOnlyList<string> Problems);
