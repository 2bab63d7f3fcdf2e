using System.Diagnostics;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Benchmarks.Grains;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.TestingHost;

// In-process grain call benchmark. Usage:
//   dotnet run -c Release --project bench/OrleansRealtime.Benchmarks -- [seconds=10] [grains=1000] [concurrency=2000]
// 1. Closed-loop throughput: `concurrency` callers, each awaiting one Ping at a time, spread over `grains` grains.
// 2. Open-loop latency at fixed rates (250k/s, 500k/s = half the 1M/s target, and half the measured
//    throughput): a generator thread wakes every millisecond and starts every call due by then, whatever the
//    responses do, so queueing shows up in the percentiles (no coordinated omission). Latency runs from each
//    call's start to its completion; the 1 ms bursts are part of the load.
// 3. The same throughput run with a payload that is copied across the boundary (Echo).
int seconds = args.Length > 0 ? int.Parse(args[0]) : 10;
int grains = args.Length > 1 ? int.Parse(args[1]) : 1000;
int concurrency = args.Length > 2 ? int.Parse(args[2]) : 2000;

await using var cluster = new InProcessTestClusterBuilder()
    .ConfigureSilo(s => s.AddGrain<BenchGrain>())
    .Build();
await cluster.DeployAsync();
var factory = cluster.GrainFactory;
var refs = Enumerable.Range(0, grains).Select(i => factory.GetGrain<IBenchGrain>(i)).ToArray();
await Task.WhenAll(refs.Select(r => r.Ping(0)));

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
Console.WriteLine($"config: {seconds}s per run, {grains} grains, {concurrency} concurrent callers");

await ClosedLoop(refs, concurrency, TimeSpan.FromSeconds(Math.Min(3, seconds)), r => r.Ping(1)); // warm-up
var throughput = await ClosedLoop(refs, concurrency, TimeSpan.FromSeconds(seconds), r => r.Ping(1));
Console.WriteLine($"ping throughput: {throughput:N0} calls/s");

foreach (var rate in new[] { 250_000d, 500_000d, Math.Round(throughput / 2) })
{
    var latency = await OpenLoop(refs, rate, TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"ping latency at {rate:N0} calls/s: {latency}");
}

var payload = new Payload { Name = "bench", Values = [.. Enumerable.Range(0, 16)] };
var copied = await ClosedLoop(refs, concurrency, TimeSpan.FromSeconds(seconds), r => r.Echo(payload));
Console.WriteLine($"echo (copied payload) throughput: {copied:N0} calls/s");

static async Task<double> ClosedLoop<T>(IBenchGrain[] refs, int concurrency, TimeSpan duration, Func<IBenchGrain, Task<T>> call)
{
    long completed = 0;
    var stop = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(async w =>
    {
        var grain = refs[w % refs.Length];
        long local = 0;
        while (stop.Elapsed < duration)
        {
            await call(grain);
            local++;
        }

        Interlocked.Add(ref completed, local);
    }).ToArray();
    await Task.WhenAll(workers);
    return completed / stop.Elapsed.TotalSeconds;
}

static async Task<string> OpenLoop(IBenchGrain[] refs, double rate, TimeSpan duration)
{
    long total = (long)(rate * duration.TotalSeconds);
    var latencies = new double[total];
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    long remaining = total;
    double msPerTick = 1000.0 / Stopwatch.Frequency;
    var generator = new Thread(() =>
    {
        var clock = Stopwatch.StartNew();
        long started = 0;
        while (started < total)
        {
            long due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
            for (; started < due; started++)
            {
                long index = started;
                long start = Stopwatch.GetTimestamp();
                refs[index % refs.Length].Ping(1).ContinueWith(_ =>
                {
                    latencies[index] = (Stopwatch.GetTimestamp() - start) * msPerTick;
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        done.TrySetResult();
                    }
                }, TaskContinuationOptions.ExecuteSynchronously);
            }

            Thread.Sleep(1);
        }
    }) { IsBackground = true, Name = "open-loop generator" };
    generator.Start();
    await done.Task;
    Array.Sort(latencies);
    double P(double q) => latencies[(int)Math.Min(latencies.Length - 1, q * latencies.Length)];
    return $"p50 {P(0.50):F3} ms, p90 {P(0.90):F3} ms, p99 {P(0.99):F3} ms, p99.9 {P(0.999):F3} ms, max {latencies[^1]:F3} ms over {total:N0} calls";
}
