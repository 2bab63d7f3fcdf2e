using System.Globalization;
using OrleansRealtime.ClusterBench.Grains;
using OrleansRealtime.Grains.Hosting;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.ClusterBench;

internal static class BenchCluster
{
    /// <summary>A test cluster (real TCP on 127.0.0.1, in-memory membership and directory) hosting the bench grains.</summary>
    public static MultiSiloTestCluster Create(int gatewayPort = -1) =>
        new(silo => silo.AddGrainsFromAssembly(typeof(PingGrain).Assembly), Settings(gatewayPort));

    /// <summary>
    /// The same cluster with the domain grains too, as the silo registers them: a gateway pod calls the user grain
    /// (presence) for every socket it opens.
    /// </summary>
    public static MultiSiloTestCluster CreateWithDomainGrains(int gatewayPort = -1) =>
        new(silo => silo.AddGrainsFromAssembly(typeof(PingGrain).Assembly).AddRealtimeGrains(), Settings(gatewayPort));

    private static Dictionary<string, string?> Settings(int gatewayPort) => new()
    {
        ["Realtime:Endpoints:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),

        // As the silo's appsettings.json ships it (the library default awaits every delivery).
        ["Realtime:Streams:ClientConfirmationInterval"] = "00:00:01",
    };
}
