namespace OrleansRealtime.LoadHarness.Metrics;

/// <summary>What the receive loops record for the scenario running now; the harness swaps in a fresh one per scenario.</summary>
public sealed class ScenarioStats
{
    public LatencyHistogram Latency { get; } = new();

    public LatencyHistogram ChatFirst { get; } = new();

    public LatencyHistogram ChatDone { get; } = new();

    public long Deliveries;

    /// <summary>Harness clock (µs) of the last delivery.</summary>
    public long LastDeliveryMicros;
}
