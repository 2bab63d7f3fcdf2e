using System.Diagnostics;

namespace OrleansRealtime.ClusterBench;

/// <summary>
/// The open loop of the latency benches: a thread wakes every millisecond and starts every publish due by then,
/// each stamped with its scheduled Stopwatch time rather than the time the generator got to it, so a late generator
/// or a queue anywhere on the path shows in the percentiles (no coordinated omission).
/// </summary>
internal static class OpenLoopGenerator
{
    /// <summary>Starts <paramref name="total"/> publishes (index, scheduled stamp) at <paramref name="rate"/> per second; returns how many failed.</summary>
    public static long Run(int total, int rate, Func<int, long, Task> publish)
    {
        long failures = 0;
        var clock = Stopwatch.StartNew();
        long origin = Stopwatch.GetTimestamp();
        var generator = new Thread(() =>
        {
            int started = 0;
            while (started < total)
            {
                int due = (int)Math.Min(total, clock.Elapsed.TotalSeconds * rate);
                for (; started < due; started++)
                {
                    long stamp = origin + (long)(started * (double)Stopwatch.Frequency / rate);
                    publish(started, stamp).ContinueWith(
                        _ => Interlocked.Increment(ref failures), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "publish generator" };
        generator.Start();
        generator.Join();
        return Interlocked.Read(ref failures);
    }
}
