using System.Globalization;
using System.Net;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// The child process of <c>socket --pod-process</c> (<c>pod --gateway 127.0.0.1:P [--port Q]</c>): the
/// <see cref="BenchGatewayPod"/> the in-process mode runs, with the given silo gateway as its cluster client's only
/// gateway. Prints <c>READY {port} {gateway silo}</c> once it is started and connected; then answers each line on
/// stdin (<c>stats</c>: its allocation and CPU counters; <c>token {user}</c>: a token signed with its key), and stops
/// when stdin closes, which it also does when the parent dies, however it dies.
/// </summary>
internal static class PodProcess
{
    /// <summary>How long the pod may take to stop after stdin closed before the process exits anyway.</summary>
    private static readonly TimeSpan StopBackstop = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var gateway = IPEndPoint.Parse(args.Text("gateway") ?? throw new ArgumentException("pod: --gateway 127.0.0.1:PORT (the silo gateway of its cluster client) is required."));
        if (!IPAddress.IsLoopback(gateway.Address))
        {
            throw new ArgumentException($"pod: --gateway must be on 127.0.0.1, but is {gateway}.");
        }

        var pod = await BenchGatewayPod.StartAsync(gateway, args.Int("port", 0));
        Timer? backstop = null;
        try
        {
            // Read in this process from the pod's own TcpClusterConnection, as the in-process mode reads it.
            Console.WriteLine(FormattableString.Invariant($"READY {pod.WebSocketEndpoint.Port} {pod.GatewaySilo ?? "none"}"));
            while (await Console.In.ReadLineAsync() is { } line)
            {
                if (line == "stats")
                {
                    Console.WriteLine(Stats.Capture().ToLine());
                }
                else if (line.StartsWith("token ", StringComparison.Ordinal))
                {
                    Console.WriteLine("TOKEN " + pod.MintToken(line["token ".Length..]));
                }
            }

            backstop = new Timer(_ => Environment.Exit(4), null, StopBackstop, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            await pod.DisposeAsync();
            if (backstop is not null)
            {
                await backstop.DisposeAsync();
            }
        }

        return 0;
    }

    /// <summary>The command line of the child: <c>pod --gateway {siloGateway}</c>.</summary>
    public static IEnumerable<string> Arguments(IPEndPoint siloGateway) =>
        ["pod", "--gateway", siloGateway.ToString()];

    /// <summary>Parses a READY line into the pod's port and the silo its client is connected to.</summary>
    public static (int Port, string GatewaySilo) ParseReady(string line)
    {
        var parts = line.Split(' ', 3);
        return parts is ["READY", var port, var silo]
            ? (int.Parse(port, CultureInfo.InvariantCulture), silo)
            : throw new FormatException($"Not a READY line: {line}");
    }
}
