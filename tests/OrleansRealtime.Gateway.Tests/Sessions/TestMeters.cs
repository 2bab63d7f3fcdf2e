using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>
/// A meter factory for one test that also sums what its own counters record, so tests read the gateway's
/// metrics through the real instruments without seeing other tests' measurements.
/// </summary>
internal sealed class TestMeters : IMeterFactory
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly List<Meter> _meters = [];

    public TestMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    /// <summary>The sum recorded so far by the counter named <paramref name="instrument"/> (0 if none).</summary>
    public long this[string instrument] => _totals.GetValueOrDefault(instrument);

    public Meter Create(MeterOptions options)
    {
        options.Scope = this;
        var meter = new Meter(options);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
        }
    }
}
