using System.Diagnostics;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.ClusterBench.Grains;
using OrleansRealtime.ClusterBench.Sockets;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.ClusterBench;

/// <summary>
/// Event latency from a grain's publish to a real WebSocket client, through two silos and one gateway pod, all in this
/// process over loopback TCP. The pod (<see cref="BenchGatewayPod"/>) is a WebApplication composed like
/// gateway/GatewayProgram.cs whose cluster client knows only silo A. Every user's stream rendezvous lives on silo B and
/// its publisher on silo A, so each event goes A (publisher) → B (rendezvous) → A (the pod client's gateway silo) →
/// pod (user feed, session queue, send loop) → WebSocket → the user's <c>ClientWebSocket</c>. The open loop and the
/// table are <see cref="LatencyBench"/>'s; every run also checks that each event reached its socket exactly once.
/// With <c>--pod-process</c> the same pod runs in a child process (<see cref="ChildGatewayPod"/>), as it is deployed;
/// the silos, publishers and sockets stay here, and the table gives CPU and allocations for each process.
/// </summary>
internal static class SocketBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        int rate = args.Int("rate", 5000);
        int seconds = args.Int("seconds", 10);
        int users = args.Int("users", 200);
        bool podProcess = args.Flag("pod-process");
        bool replayable = args.Flag("replayable");
        int warmupSeconds = args.Int("warmup", Math.Min(3, seconds));

        // Every step has its own timeout; this is the backstop that keeps a run from ever hanging a script.
        var budget = TimeSpan.FromSeconds(240 + warmupSeconds + seconds);
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"socket: not finished after {budget}; exiting.");
            Environment.Exit(3);
        }, null, budget, Timeout.InfiniteTimeSpan);

        await using var cluster = BenchCluster.CreateWithDomainGrains();
        await cluster.DeployAsync(silos: 2);
        var siloA = cluster.Silos[0];
        var siloB = cluster.Silos[1];
        var gateway = await SocketSetup.GatewayEndpointOfAsync(cluster, siloA);

        // Silo A's gateway is the only one the pod's cluster client is given, so it can connect (and reconnect) nowhere
        // else. The check reads TcpClusterConnection.GatewaySilo in the pod's process: here, or in the child, which prints
        // it on its READY line.
        await using IBenchPod pod = podProcess ? await ChildGatewayPod.StartAsync(gateway) : await BenchGatewayPod.StartAsync(gateway);
        var child = pod as ChildGatewayPod;
        if (pod.GatewaySilo != siloA.Address.ToParsableString())
        {
            throw new InvalidOperationException($"The pod's client is connected to {pod.GatewaySilo}, not to silo A ({siloA.Address.ToParsableString()}).");
        }

        var userIds = await SocketSetup.UsersWithRendezvousOnAsync(cluster, siloB, users);
        var recorder = new DeliveryRecorder();
        var sockets = await SocketSetup.ConnectAsync(pod, userIds, recorder);
        try
        {
            var publishers = userIds.Select(u => siloA.GrainFactory.GetGrain<IUserEventPublisherGrain>(u)).ToArray();
            await Task.WhenAll(publishers.Select(p => p.Publish(0, Stopwatch.GetTimestamp(), -1)));
            if (publishers.Any(p => !siloA.Hosts(p.GetGrainId())))
            {
                throw new InvalidOperationException("A publisher was not placed on silo A.");
            }

            if (userIds.Any(u => cluster.HostsOf(SocketSetup.RendezvousOf(u)).SingleOrDefault() != siloB))
            {
                throw new InvalidOperationException("A user stream's rendezvous is no longer (only) on silo B.");
            }

            var warmup = await SocketOpenLoop.RunAsync(publishers, recorder, run: 1, rate, TimeSpan.FromSeconds(warmupSeconds), replayable);
            using var sampler = args.Flag("alloc-profile") ? new AllocationSampler() : null;
            sampler?.Start();
            var podBefore = child is null ? default : await child.StatsAsync();
            var window = ProcessWindow.Begin();
            var run = await SocketOpenLoop.RunAsync(publishers, recorder, run: 2, rate, TimeSpan.FromSeconds(seconds), replayable);
            var figures = window.End(run.Elapsed, run.Published);
            var lost = sockets.Where(s => s.Lost is not null).ToArray();
            var podDelta = child is null ? default : await child.StatsAsync() - podBefore;

            var sorted = run.Delivery.LatenciesMs;
            Array.Sort(sorted);
            var warmupSorted = warmup.Delivery.LatenciesMs;
            Array.Sort(warmupSorted);
            if (child is not null)
            {
                Console.WriteLine($"mode: the gateway pod ran as a separate process (pid {child.ProcessId}, {pod.WebSocketEndpoint}); " +
                    $"the 2 silos, the publishers and the {users} ClientWebSockets in this one");
            }

            Console.WriteLine("path: grain publish on silo A → user-stream rendezvous on silo B → silo A (the pod's cluster-client gateway) → " +
                "gateway pod (user feed, session queue, send loop) → Kestrel WebSocket on 127.0.0.1 → ClientWebSocket receive; " +
                "latency = whole frame received − scheduled publish time");
            Console.WriteLine($"machine: {Machine.Describe()}");
            string processes = child is null
                ? $"2 silos, 1 gateway pod ({pod.WebSocketEndpoint}) and {users} sockets in one process"
                : $"2 silos and {users} sockets in this process, 1 gateway pod ({pod.WebSocketEndpoint}) in a child process";
            Console.WriteLine($"config: {processes}; {rate:N0} events/s over {users} users " +
                $"for {seconds} s after a {warmupSeconds} s warm-up (warm-up p99 {Percentiles.At(warmupSorted, 0.99):F2} ms, received {warmupSorted.Length:N0} / {warmup.Published:N0}); " +
                $"publishers on silo A ({siloA.Address.ToParsableString()}, the pod's gateway), rendezvous on silo B ({siloB.Address.ToParsableString()})");
            Console.WriteLine(replayable
                ? $"event: Envelope {UserEventPublisherGrain.ReplayableEventType} (outside the catalog, so replayable: kept in the stream's history " +
                    "and its id remembered; the bench cluster has no stream log), published through the domain grains' PublishingGrain base"
                : $"event: Envelope {UserEventPublisherGrain.EventType} ({EventCatalog.Get(UserEventPublisherGrain.EventType).Delivery}: " +
                    "not kept in the stream's history or log), published through the domain grains' PublishingGrain base");
            Console.WriteLine();
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| events published / received at their socket | {run.Published:N0} / {sorted.Length:N0} |");
            Console.WriteLine($"| duplicates / at another user's socket / late from the warm-up | {run.Delivery.Duplicates} / {run.Delivery.Misrouted} / {run.Delivery.OtherRun} |");
            Percentiles.PrintRows(sorted);
            Console.WriteLine($"| publish failures / sockets lost | {run.Failures} / {lost.Length} |");
            if (child is null)
            {
                Console.WriteLine($"| CPU (cores, whole process: silos, pod and clients) / allocated per event | {figures.Cores:F2} / {figures.AllocatedPerEvent:N0} B |");
                Console.WriteLine($"| gen0 GCs / time in GC pauses | {figures.Gen0} / {figures.GcPauseMs:F0} ms |");
                var lastGc = GC.GetGCMemoryInfo(GCKind.Any);
                Console.WriteLine($"| last GC: generation / promoted / pause / heap after | {lastGc.Generation} / {lastGc.PromotedBytes / 1048576.0:F1} MB / {lastGc.PauseDurations[0].TotalMilliseconds:F1} ms / {lastGc.HeapSizeBytes / 1048576.0:F0} MB |");
            }
            else
            {
                double podCores = podDelta.CpuSeconds / (podDelta.Timestamp / (double)Stopwatch.Frequency);
                Console.WriteLine($"| CPU (cores): this process (silos, publishers, sockets) / pod process | {figures.Cores:F2} / {podCores:F2} |");
                Console.WriteLine($"| allocated per event: this process / pod process | {figures.AllocatedPerEvent:N0} B / {podDelta.AllocatedBytes / (double)run.Published:N0} B |");
                Console.WriteLine($"| gen0 GCs: this process / pod process | {figures.Gen0} / {podDelta.Gen0} |");
            }

            figures.PrintSchedulingRows(child is null ? "" : " (this process)");
            sampler?.PrintTop(30);
            foreach (var socket in lost.Take(5))
            {
                Console.Error.WriteLine($"socket {socket.Index} ({userIds[socket.Index]}) lost: {socket.Lost}");
            }

            if (!run.Whole)
            {
                Console.Error.WriteLine($"socket: delivery incomplete: {run.Published - sorted.Length} of {run.Published} events missing, " +
                    $"{run.Delivery.Duplicates} duplicates, {run.Delivery.Misrouted} at another user's socket, {run.Failures} publish failures.");
                return 1;
            }

            return 0;
        }
        finally
        {
            await SocketSetup.DisposeAsync(sockets);
        }
    }
}
