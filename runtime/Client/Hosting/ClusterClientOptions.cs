namespace OrleansRealtime.Client.Hosting;

/// <summary>A remote client's connection to a cluster, bound from <c>Realtime:Client</c>.</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "Realtime:Client";

    /// <summary>The cluster to join; a gateway of another cluster refuses the handshake. Matches <c>Realtime:Silo:ClusterId</c> (default "dev").</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>
    /// Static gateway endpoints (<c>host:port</c>, for example <c>127.0.0.1:30000</c>). When empty the client reads the
    /// gateways from the cluster's membership table (which needs a clustering provider on the client).
    /// </summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>How long the first connection may take at start before the client (and its host) gives up. Default 30 s.</summary>
    public TimeSpan InitialConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause before the first reconnect attempt after a lost connection; it doubles per failed attempt up to <see cref="MaxReconnectDelay"/>. Default 200 ms.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between reconnect attempts. Default 5 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);
}
