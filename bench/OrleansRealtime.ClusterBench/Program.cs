using OrleansRealtime.ClusterBench;
using OrleansRealtime.ClusterBench.Sockets;

// Cluster transport benchmark (issue 6). Usage (Release build):
//   ClusterBench calls   [--inproc] [--seconds 10] [--grains 1000] [--concurrency 2000]
//   ClusterBench latency [--rate 5000] [--seconds 10] [--streams 200]
//   ClusterBench socket  [--pod-process] [--replayable] [--rate 5000] [--seconds 10] [--users 200]
// `calls`: one TCP cluster client, one silo (a child process, or this process with --inproc), closed loop of
// `concurrency` callers each awaiting one Ping at a time. `latency`: two silos and one TCP client in this process;
// events published on silo A to streams whose rendezvous lives on silo B, delivered to the client's subscriptions.
// `socket`: the same path carried on to real WebSockets: two silos, one gateway pod (a WebApplication whose cluster
// client uses silo A) and one ClientWebSocket per user in this process; latency is measured at the socket. With
// --pod-process the pod runs in a child process (this program as `pod`), as deployed; the rest stays here.
// Every result is printed as a markdown table.
var options = BenchArgs.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "calls" => await CallsBench.RunAsync(options),
    "latency" => await LatencyBench.RunAsync(options),
    "socket" => await SocketBench.RunAsync(options),
    "silo" => await SiloProcess.RunAsync(options),
    "pod" => await PodProcess.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ClusterBench calls [--inproc] [--seconds N] [--grains N] [--concurrency N] | latency [--rate N] [--seconds N] [--streams N] | socket [--pod-process] [--replayable] [--rate N] [--seconds N] [--users N]");
    return 2;
}
