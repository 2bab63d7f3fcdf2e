using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.ClusterBench.Grains;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.ClusterBench;

/// <summary>
/// Client-to-silo grain calls over loopback TCP: one <see cref="ClusterClient"/>, one silo, a closed loop of
/// <c>concurrency</c> callers each awaiting one <see cref="IPingGrain.Ping"/> at a time over <c>grains</c> grains.
/// </summary>
internal static class CallsBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        int seconds = args.Int("seconds", 10);
        int grains = args.Int("grains", 1000);
        int concurrency = args.Int("concurrency", 2000);
        bool inproc = args.Flag("inproc");
        bool echo = args.Flag("echo");
        var payload = new Payload { Name = "bench", Values = [.. Enumerable.Range(0, 16)] };
        Func<IPingGrain, Task> call = echo ? g => g.Echo(payload) : g => g.Ping(1);

        MultiSiloTestCluster? cluster = null;
        ChildSilo? child = null;
        ClusterClient client;
        if (inproc)
        {
            cluster = BenchCluster.Create();
            await cluster.DeployAsync(silos: 1);
            client = cluster.Client;
        }
        else
        {
            child = await ChildSilo.StartAsync();
            client = await ClusterClient.ConnectAsync(new StaticGatewayListProvider([child.Gateway]), new ClusterClientOptions { ClusterId = "dev" });
        }

        try
        {
            var refs = Enumerable.Range(0, grains).Select(i => client.GetGrain<IPingGrain>(i)).ToArray();
            await Task.WhenAll(refs.Select(r => r.Ping(0)));
            await ClosedLoop(refs, call, concurrency, TimeSpan.FromSeconds(Math.Min(3, seconds))); // warm-up

            string load = Machine.LoadAverage();
            using var sampler = args.Flag("alloc-profile") ? new AllocationSampler() : null;
            sampler?.Start();
            var siloBefore = child is null ? default : await child.StatsAsync();
            var before = Stats.Capture();
            long calls = await ClosedLoop(refs, call, concurrency, TimeSpan.FromSeconds(seconds));
            var clientDelta = Stats.Capture() - before;
            var siloDelta = child is null ? default : await child.StatsAsync() - siloBefore;
            double elapsed = clientDelta.Timestamp / (double)Stopwatch.Frequency;

            Console.WriteLine($"machine: {Machine.Describe()}");
            Console.WriteLine($"config: {(inproc ? "silo and client in one process" : "silo in a child process, client in this one")}, " +
                $"{seconds} s after a {Math.Min(3, seconds)} s warm-up, {grains} grains, {concurrency} concurrent callers, " +
                (echo ? "Echo(Payload: a string and 16 ints)" : "Ping(int)"));
            Console.WriteLine();
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| calls/s | **{calls / elapsed:N0}** |");
            Console.WriteLine($"| load average at start (1 min) | {load} |");
            if (child is null)
            {
                Console.WriteLine($"| allocated per call (client + silo) | {clientDelta.AllocatedBytes / (double)calls:N0} B |");
                Console.WriteLine($"| CPU (cores, both) / CPU per call | {clientDelta.CpuSeconds / elapsed:F2} / {clientDelta.CpuSeconds * 1e6 / calls:F1} µs |");
                Console.WriteLine($"| gen0 / gen1 / gen2 GCs | {clientDelta.Gen0} / {clientDelta.Gen1} / {clientDelta.Gen2} |");
            }
            else
            {
                Console.WriteLine($"| client: allocated per call | {clientDelta.AllocatedBytes / (double)calls:N0} B |");
                Console.WriteLine($"| silo: allocated per call | {siloDelta.AllocatedBytes / (double)calls:N0} B |");
                Console.WriteLine($"| client / silo CPU (cores) | {clientDelta.CpuSeconds / elapsed:F2} / {siloDelta.CpuSeconds / elapsed:F2} |");
                Console.WriteLine($"| client / silo CPU per call | {clientDelta.CpuSeconds * 1e6 / calls:F1} µs / {siloDelta.CpuSeconds * 1e6 / calls:F1} µs |");
                Console.WriteLine($"| client / silo gen0 GCs | {clientDelta.Gen0} / {siloDelta.Gen0} |");
            }

            sampler?.PrintTop(25);
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
            else
            {
                await client.DisposeAsync();
                await child!.DisposeAsync();
            }
        }

        return 0;
    }

    private static async Task<long> ClosedLoop(IPingGrain[] refs, Func<IPingGrain, Task> call, int concurrency, TimeSpan duration)
    {
        long completed = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            await Task.Yield();
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
        return completed;
    }

    /// <summary>This program run as <c>silo --port P</c> in a child process.</summary>
    private sealed class ChildSilo : IAsyncDisposable
    {
        private readonly Process _process;

        private ChildSilo(Process process, IPEndPoint gateway)
        {
            _process = process;
            Gateway = gateway;
        }

        public IPEndPoint Gateway { get; }

        public static async Task<ChildSilo> StartAsync()
        {
            int port = FreePort();
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(CallsBench).Assembly.Location);
            }

            foreach (var arg in new[] { "silo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == "READY")
                {
                    return new ChildSilo(process, new IPEndPoint(IPAddress.Loopback, port));
                }
            }

            throw new InvalidOperationException("The silo process ended before it was ready.");
        }

        public async Task<Stats> StatsAsync()
        {
            await _process.StandardInput.WriteLineAsync("stats");
            await _process.StandardInput.FlushAsync();
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("STATS ", StringComparison.Ordinal))
                {
                    return Stats.Parse(line);
                }
            }

            throw new InvalidOperationException("The silo process ended.");
        }

        public async ValueTask DisposeAsync()
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
