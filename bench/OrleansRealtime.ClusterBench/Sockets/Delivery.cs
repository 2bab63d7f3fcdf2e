namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>What the sockets received of one run (see <see cref="DeliveryRecorder"/>).</summary>
/// <param name="LatenciesMs">One per distinct event received at its own socket: receive time minus scheduled publish time.</param>
/// <param name="Duplicates">Events received again after their first arrival.</param>
/// <param name="Misrouted">Events that arrived at another user's socket.</param>
/// <param name="OtherRun">Bench events of another run received during this one (late warm-up events).</param>
internal sealed record Delivery(double[] LatenciesMs, int Duplicates, int Misrouted, int OtherRun);
