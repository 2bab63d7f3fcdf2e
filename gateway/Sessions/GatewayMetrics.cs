using System.Diagnostics.Metrics;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// The gateway's counters on the <c>OrleansRealtime.Gateway</c> meter (dotnet-counters can read them). Tests
/// read the totals through the same instruments.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "OrleansRealtime.Gateway";

    private readonly Meter _meter;
    private long _connections;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Delivered = _meter.CreateCounter<long>("realtime.gateway.messages_sent", description: "Messages written to sockets.");
        Shed = _meter.CreateCounter<long>("realtime.gateway.messages_shed", description: "Ephemeral or conflated messages dropped from full queues.");
        SlowConsumers = _meter.CreateCounter<long>("realtime.gateway.slow_consumers", description: "Sockets closed with 4000 because their queue overflowed.");
        Repairs = _meter.CreateCounter<long>("realtime.gateway.gap_repairs", description: "Gaps in a user stream filled from its history.");
        Resyncs = _meter.CreateCounter<long>("realtime.gateway.resyncs", description: "resync_required messages sent.");
        RateLimited = _meter.CreateCounter<long>("realtime.gateway.rate_limited", description: "Inbound messages refused by the rate limit.");
        KeepAliveTimeouts = _meter.CreateCounter<long>("realtime.gateway.keepalive_timeouts", description: "Sockets dropped because the peer sent nothing within KeepAliveTimeout of a ping.");
        _meter.CreateObservableGauge("realtime.gateway.connections", () => Interlocked.Read(ref _connections), description: "Open sockets.");
    }

    internal Counter<long> Delivered { get; }

    internal Counter<long> Shed { get; }

    internal Counter<long> SlowConsumers { get; }

    internal Counter<long> Repairs { get; }

    internal Counter<long> Resyncs { get; }

    internal Counter<long> RateLimited { get; }

    internal Counter<long> KeepAliveTimeouts { get; }

    internal void ConnectionOpened() => Interlocked.Increment(ref _connections);

    internal void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    public void Dispose() => _meter.Dispose();
}
