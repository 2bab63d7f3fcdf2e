namespace OrleansRealtime.ClusterBench;

internal static class Percentiles
{
    /// <summary>The value at quantile <paramref name="q"/> of <paramref name="sorted"/> (nearest rank).</summary>
    public static double At(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>The latency rows every latency table has: p50 / p90, p99 (bold), p99.9 / max.</summary>
    public static void PrintRows(double[] sorted)
    {
        Console.WriteLine($"| p50 / p90 | {At(sorted, 0.50):F2} ms / {At(sorted, 0.90):F2} ms |");
        Console.WriteLine($"| **p99** | **{At(sorted, 0.99):F2} ms** |");
        Console.WriteLine($"| p99.9 / max | {At(sorted, 0.999):F2} ms / {(sorted.Length > 0 ? sorted[^1] : double.NaN):F2} ms |");
    }
}
