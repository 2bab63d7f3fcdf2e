namespace OrleansRealtime.LoadHarness.Metrics;

/// <summary>
/// A lock-free log-linear histogram of microseconds: exact below 1024 µs, then 64 sub-buckets per power of
/// two (under 1.6% error), up to about 1.1e12 µs. Recording is one <see cref="Interlocked.Increment(ref long)"/>.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 1024;
    private const int SubBits = 6;
    private readonly long[] _counts = new long[Linear + (40 << SubBits)];
    private long _total;
    private long _max;

    public long Count => Volatile.Read(ref _total);

    public void Record(long micros)
    {
        if (micros < 0)
        {
            micros = 0;
        }

        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _total);
        long max;
        while (micros > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, max) != max)
        {
        }
    }

    public double MaxMs => Volatile.Read(ref _max) / 1000.0;

    /// <summary>The value (ms) at quantile <paramref name="q"/> (0..1): the upper edge of the bucket that holds it.</summary>
    public double PercentileMs(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Upper(i) / 1000.0;
            }
        }

        return MaxMs;
    }

    /// <summary>(ms, cumulative fraction) points of the non-empty buckets, for a CDF chart.</summary>
    public IEnumerable<(double Ms, double Fraction)> Cdf()
    {
        var total = (double)Count;
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            var c = Volatile.Read(ref _counts[i]);
            if (c == 0)
            {
                continue;
            }

            seen += c;
            yield return (Upper(i) / 1000.0, seen / total);
        }
    }

    private static int Index(long v)
    {
        if (v < Linear)
        {
            return (int)v;
        }

        var log = 63 - (int)long.LeadingZeroCount(v); // >= 10
        var sub = (int)((v >> (log - SubBits)) & ((1 << SubBits) - 1));
        var index = Linear + ((log - 10) << SubBits) + sub;
        return Math.Min(index, Linear + (40 << SubBits) - 1);
    }

    private static long Upper(int index)
    {
        if (index < Linear)
        {
            return index + 1;
        }

        var log = ((index - Linear) >> SubBits) + 10;
        var sub = (index - Linear) & ((1 << SubBits) - 1);
        return (1L << log) + ((long)(sub + 1) << (log - SubBits));
    }
}
