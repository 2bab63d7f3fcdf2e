using System.Globalization;
using OrleansRealtime.ClusterBench.Grains;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.ClusterBench;

internal static class BenchCluster
{
    /// <summary>A test cluster (real TCP on 127.0.0.1, in-memory membership and directory) hosting the bench grains.</summary>
    public static MultiSiloTestCluster Create(int gatewayPort = -1) =>
        new(silo => silo.AddGrainsFromAssembly(typeof(PingGrain).Assembly), new Dictionary<string, string?>
        {
            ["Realtime:Endpoints:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });
}
