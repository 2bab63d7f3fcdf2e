namespace OrleansRealtime.ClusterBench;

internal static class Percentiles
{
    /// <summary>The value at quantile <paramref name="q"/> of <paramref name="sorted"/> (nearest rank).</summary>
    public static double At(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(q * sorted.Length) - 1)];
}
