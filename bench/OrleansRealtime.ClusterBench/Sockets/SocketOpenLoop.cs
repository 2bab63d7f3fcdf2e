using System.Diagnostics;
using OrleansRealtime.ClusterBench.Grains;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// The open-loop generator of <see cref="LatencyBench"/>, for user publishers: a thread wakes every millisecond and
/// starts every publish due by then, stamped with its scheduled time, so a late generator or a queue anywhere on the
/// path shows in the percentiles (no coordinated omission). Then waits (at most 30 s) for the sockets to receive the run.
/// </summary>
internal static class SocketOpenLoop
{
    public static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(30);

    public static async Task<SocketRun> RunAsync(IUserEventPublisherGrain[] publishers, DeliveryRecorder recorder, int run, int rate, TimeSpan duration)
    {
        int total = (int)(rate * duration.TotalSeconds);
        recorder.Start(run, total, publishers.Length);
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
                    // The scheduled time of this publish, not the time the generator got to it.
                    long stamp = origin + (long)(started * (double)Stopwatch.Frequency / rate);
                    publishers[started % publishers.Length].Publish(run, stamp, started).ContinueWith(
                        t => Interlocked.Increment(ref failures), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "publish generator" };
        generator.Start();
        generator.Join();
        await recorder.WaitAsync(DeliveryWait);
        var elapsed = clock.Elapsed;
        return new SocketRun(total, recorder.Stop(), Interlocked.Read(ref failures), elapsed);
    }
}
