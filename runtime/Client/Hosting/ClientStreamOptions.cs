namespace OrleansRealtime.Client.Hosting;

/// <summary>Stream subscription options of a client, bound from <c>Realtime:ClientStreams</c>.</summary>
public sealed class ClientStreamOptions
{
    public const string SectionName = "Realtime:ClientStreams";

    /// <summary>
    /// How long a client subscription lives without renewal. A client that dies stops renewing, and the
    /// rendezvous drops its subscriptions after this long (or at the first failed delivery).
    /// </summary>
    public TimeSpan SubscriptionLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often leases are renewed; must be well under <see cref="SubscriptionLease"/>.</summary>
    public TimeSpan RenewalPeriod { get; set; } = TimeSpan.FromSeconds(20);
}
