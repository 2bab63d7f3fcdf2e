using System.Diagnostics;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.ClusterBench.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.ClusterBench;

/// <summary>
/// Event latency from publish to the client's OnNext through two silos and one gateway client. Silo A is the silo the
/// TCP client (standing in for the gateway pod) is connected to; every measured stream has its rendezvous on silo B,
/// and is published by a <see cref="PublisherGrain"/> on silo A. So each event goes A (publisher) → B (rendezvous) →
/// A (the client's observer host) → client, over real TCP. Open loop: a generator thread wakes every millisecond
/// and starts every publish due by then; the timestamp in the payload is the publish's scheduled time, so a late
/// generator or a queue shows in the percentiles (no coordinated omission).
/// </summary>
internal static class LatencyBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        int rate = args.Int("rate", 5000);
        int seconds = args.Int("seconds", 10);
        int streams = args.Int("streams", 200);

        await using var cluster = BenchCluster.Create();
        await cluster.DeployAsync(silos: 2);
        var client = cluster.Client;
        var gatewayName = ((TcpClusterConnection)client.Connection).GatewaySilo;
        var siloA = cluster.Silos.Single(s => s.Address.ToParsableString() == gatewayName);
        var siloB = cluster.Silos.Single(s => s != siloA);

        var recorder = new Recorder();
        var keys = new List<string>();
        var provider = client.GetStreamProvider("sms");
        for (int i = 0; keys.Count < streams; i++)
        {
            string key = $"s{i}";
            var stream = provider.GetStream<BenchEvent>(StreamId.Create("bench", key));
            var handle = await stream.SubscribeAsync((item, _) =>
            {
                recorder.Record(item);
                return Task.CompletedTask;
            });
            if (cluster.HostsOf(new GrainId("sys.stream", $"sms/bench/{key}")).SingleOrDefault() == siloB)
            {
                keys.Add(key);
            }
            else
            {
                await handle.UnsubscribeAsync();
            }
        }

        var publishers = keys.Select(k => siloA.GrainFactory.GetGrain<IPublisherGrain>(k)).ToArray();
        await Task.WhenAll(publishers.Select(p => p.Publish(Stopwatch.GetTimestamp(), -1)));
        if (publishers.Any(p => !siloA.Hosts(p.GetGrainId())))
        {
            throw new InvalidOperationException("A publisher was not placed on silo A.");
        }

        int warmupSeconds = args.Int("warmup", Math.Min(3, seconds));
        var warmup = await OpenLoop(publishers, recorder, rate, TimeSpan.FromSeconds(warmupSeconds));
        using var sampler = args.Flag("alloc-profile") ? new AllocationSampler() : null;
        sampler?.Start();
        var window = ProcessWindow.Begin();
        var run = await OpenLoop(publishers, recorder, rate, TimeSpan.FromSeconds(seconds));
        var figures = window.End(run.Elapsed, run.Published);

        var sorted = run.LatenciesMs;
        Array.Sort(sorted);
        Console.WriteLine($"machine: {Machine.Describe()}");
        Console.WriteLine($"config: 2 silos and 1 TCP client in one process; {rate:N0} events/s over {keys.Count} streams for {seconds} s " +
            $"after a {warmupSeconds} s warm-up (warm-up p99 {Percentiles.At(Sorted(warmup.LatenciesMs), 0.99):F2} ms); " +
            $"publish on silo A ({siloA.Address.ToParsableString()}, the client's gateway), rendezvous on silo B ({siloB.Address.ToParsableString()})");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| events published / received | {run.Published:N0} / {run.LatenciesMs.Length:N0} |");
        Percentiles.PrintRows(sorted);
        Console.WriteLine($"| publish failures | {run.Failures} |");
        Console.WriteLine($"| CPU (cores, whole process) / allocated per event | {figures.Cores:F2} / {figures.AllocatedPerEvent:N0} B |");
        Console.WriteLine($"| gen0 GCs / time in GC pauses | {figures.Gen0} / {figures.GcPauseMs:F0} ms |");
        figures.PrintSchedulingRows();
        sampler?.PrintTop(25);
        return run.Failures == 0 && run.LatenciesMs.Length == run.Published ? 0 : 1;
    }

    private static double[] Sorted(double[] values)
    {
        Array.Sort(values);
        return values;
    }

    private static async Task<Run> OpenLoop(IPublisherGrain[] publishers, Recorder recorder, int rate, TimeSpan duration)
    {
        int total = (int)(rate * duration.TotalSeconds);
        recorder.Start(total);
        var clock = Stopwatch.StartNew();
        long failures = OpenLoopGenerator.Run(total, rate, (i, stamp) => publishers[i % publishers.Length].Publish(stamp, i));
        await recorder.WaitAsync(TimeSpan.FromSeconds(30));
        var elapsed = clock.Elapsed;
        return new Run(total, recorder.Stop(), failures, elapsed);
    }

    private sealed record Run(int Published, double[] LatenciesMs, long Failures, TimeSpan Elapsed);

    /// <summary>Latencies of the events of the current run (sequence ≥ 0), recorded on the client's OnNext.</summary>
    private sealed class Recorder
    {
        private readonly Lock _lock = new();
        private double[] _latencies = [];
        private int _count;
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Start(int expected)
        {
            lock (_lock)
            {
                _latencies = new double[expected];
                _count = 0;
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void Record(BenchEvent item)
        {
            double ms = (Stopwatch.GetTimestamp() - item.Stamp) * 1000.0 / Stopwatch.Frequency;
            lock (_lock)
            {
                if (item.Sequence < 0 || _count >= _latencies.Length)
                {
                    return;
                }

                _latencies[_count++] = ms;
                if (_count == _latencies.Length)
                {
                    _done.TrySetResult();
                }
            }
        }

        public async Task WaitAsync(TimeSpan timeout)
        {
            Task done;
            lock (_lock)
            {
                done = _done.Task;
            }

            await Task.WhenAny(done, Task.Delay(timeout));
        }

        public double[] Stop()
        {
            lock (_lock)
            {
                var result = _latencies.AsSpan(0, _count).ToArray();
                _count = _latencies.Length;
                return result;
            }
        }
    }
}
