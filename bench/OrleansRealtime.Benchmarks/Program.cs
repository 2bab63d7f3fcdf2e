using System.Diagnostics;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Benchmarks.Grains;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.TestingHost;

// In-process grain call benchmark. Usage:
//   dotnet run -c Release --project bench/OrleansRealtime.Benchmarks -- [seconds=10] [grains=1000] [concurrency=2000]
// 1. Closed-loop throughput: `concurrency` callers, each awaiting one Ping at a time, spread over `grains` grains.
// 2. Open-loop latency at half the measured throughput: calls are started on a fixed schedule whatever the
//    responses do, so queueing shows up in the percentiles (no coordinated omission).
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

var latency = await OpenLoop(refs, throughput / 2, TimeSpan.FromSeconds(seconds));
Console.WriteLine($"ping latency at {throughput / 2:N0} calls/s: {latency}");

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
    var pending = new List<Task>(capacity: 1024);
    var clock = Stopwatch.StartNew();
    double ticksPerCall = Stopwatch.Frequency / rate;
    const int batch = 32;
    for (long i = 0; i < total; i += batch)
    {
        // Start each batch when the schedule says so; start times are the scheduled ones.
        long due = (long)(i * ticksPerCall);
        while (clock.ElapsedTicks < due)
        {
            Thread.SpinWait(20);
        }

        for (long j = i; j < Math.Min(total, i + batch); j++)
        {
            long index = j;
            long scheduled = (long)(j * ticksPerCall);
            pending.Add(refs[j % refs.Length].Ping(1).ContinueWith(_ =>
                latencies[index] = Math.Max(0, clock.ElapsedTicks - scheduled) * 1000.0 / Stopwatch.Frequency, TaskContinuationOptions.ExecuteSynchronously));
        }

        if (pending.Count > 200_000)
        {
            await Task.WhenAll(pending);
            pending.Clear();
        }
    }

    await Task.WhenAll(pending);
    Array.Sort(latencies);
    double P(double q) => latencies[(int)Math.Min(latencies.Length - 1, q * latencies.Length)];
    return $"p50 {P(0.50):F3} ms, p90 {P(0.90):F3} ms, p99 {P(0.99):F3} ms, p99.9 {P(0.999):F3} ms, max {latencies[^1]:F3} ms over {total:N0} calls";
}
