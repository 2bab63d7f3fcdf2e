using System.Diagnostics;
using OrleansRealtime.ClusterBench.Grains;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// One timed run of user publishers through <see cref="OpenLoopGenerator"/>; then waits (at most 30 s) for the sockets
/// to receive the run.
/// </summary>
internal static class SocketOpenLoop
{
    public static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(30);

    public static async Task<SocketRun> RunAsync(IUserEventPublisherGrain[] publishers, DeliveryRecorder recorder, int run, int rate, TimeSpan duration, bool replayable)
    {
        int total = (int)(rate * duration.TotalSeconds);
        recorder.Start(run, total, publishers.Length);
        var clock = Stopwatch.StartNew();
        long failures = OpenLoopGenerator.Run(total, rate, (i, stamp) =>
        {
            var publisher = publishers[i % publishers.Length];
            return replayable ? publisher.PublishReplayable(run, stamp, i) : publisher.Publish(run, stamp, i);
        });
        await recorder.WaitAsync(DeliveryWait);
        var elapsed = clock.Elapsed;
        return new SocketRun(total, recorder.Stop(), failures, elapsed);
    }
}
