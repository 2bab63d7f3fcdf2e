namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>One open-loop run: how many events were published, what the sockets received, and how long it all took.</summary>
internal sealed record SocketRun(int Published, Delivery Delivery, long Failures, TimeSpan Elapsed)
{
    /// <summary>Every event arrived, once, at its own socket, and no publish failed.</summary>
    public bool Whole => Failures == 0 && Delivery.LatenciesMs.Length == Published && Delivery.Duplicates == 0 && Delivery.Misrouted == 0;
}
