using System.Diagnostics;

namespace OrleansRealtime.ClusterBench;

/// <summary>
/// The child process of <c>calls</c>: one silo with its gateway on the given port. Prints READY once it is active; then
/// answers each "stats" line on stdin with its allocation and CPU counters, and stops when stdin closes.
/// </summary>
internal static class SiloProcess
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        await using var cluster = BenchCluster.Create(args.Int("port", 30000));
        await cluster.StartSiloAsync();
        await cluster.WaitForActiveAsync();
        Console.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "stats")
            {
                Console.WriteLine(Stats.Capture().ToLine());
            }
        }

        return 0;
    }
}

/// <summary>A process's allocation, GC and CPU counters at one moment.</summary>
internal readonly record struct Stats(long AllocatedBytes, int Gen0, int Gen1, int Gen2, double CpuSeconds, long Timestamp)
{
    public static Stats Capture() => new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        Machine.CpuTime().TotalSeconds, Stopwatch.GetTimestamp());

    public string ToLine() => FormattableString.Invariant($"STATS {AllocatedBytes} {Gen0} {Gen1} {Gen2} {CpuSeconds} {Timestamp}");

    public static Stats Parse(string line)
    {
        var p = line.Split(' ');
        return new Stats(long.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(p[4]),
            double.Parse(p[5], System.Globalization.CultureInfo.InvariantCulture), long.Parse(p[6]));
    }

    public static Stats operator -(Stats a, Stats b) =>
        new(a.AllocatedBytes - b.AllocatedBytes, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.CpuSeconds - b.CpuSeconds, a.Timestamp - b.Timestamp);
}
