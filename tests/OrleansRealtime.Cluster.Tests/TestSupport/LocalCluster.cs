using System.Globalization;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// A cluster of real processes on this machine: silos on PostgreSQL (membership, directory, state, stream log) and
/// standalone gateway pods that find them in the membership table. Every run has its own cluster id, so rows left
/// in the shared database by earlier runs cannot interfere. Membership timing is short (death after 6 s instead of
/// 90 s), so a killed silo is declared dead, and its grains move, within the test's budget.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<RealtimeProcess> _processes = [];
    private readonly Dictionary<RealtimeProcess, int> _siloPorts = [];

    public LocalCluster(string connectionString)
    {
        ConnectionString = connectionString;
        ClusterId = "mproc-" + Guid.NewGuid().ToString("N")[..12];
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public IReadOnlyList<RealtimeProcess> Processes => _processes;

    /// <summary>Starts a silo with distinct silo, client-gateway and HTTP ports (it co-hosts a gateway on its HTTP port).</summary>
    public RealtimeProcess StartSilo(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloPort = FreePorts.Next();
        var environment = new Dictionary<string, string>(Common())
        {
            ["Realtime__Storage__Provider"] = "PostgreSql",
            ["Realtime__Storage__PostgreSql__ConnectionString"] = ConnectionString,
            ["Realtime__Silo__ClusterId"] = ClusterId,
            ["Realtime__Silo__SiloName"] = name,
            ["Realtime__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Realtime__Endpoints__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Realtime__Endpoints__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        };
        Add(environment, settings);
        var silo = RealtimeProcess.Start(name, BuiltExecutables.Silo, FreePorts.Next(), environment);
        _processes.Add(silo);
        _siloPorts[silo] = siloPort;
        return silo;
    }

    /// <summary>Starts a gateway pod: a cluster client that reads the silos' client ports from the membership table.</summary>
    public RealtimeProcess StartGateway(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(Common())
        {
            ["Realtime__Clustering__PostgreSql__ConnectionString"] = ConnectionString,
            ["Realtime__Client__ClusterId"] = ClusterId,
        };
        Add(environment, settings);
        var gateway = RealtimeProcess.Start(name, BuiltExecutables.Gateway, FreePorts.Next(), environment);
        _processes.Add(gateway);
        return gateway;
    }

    /// <summary>The silo-to-silo port of <paramref name="silo"/>, as it appears in silo addresses (<c>127.0.0.1:port@generation</c>).</summary>
    public int SiloPortOf(RealtimeProcess silo) => _siloPorts[silo];

    /// <summary>The silo whose silo-to-silo port is in <paramref name="siloAddress"/> (<c>address:port@generation</c>).</summary>
    public RealtimeProcess SiloAt(string siloAddress)
    {
        var port = int.Parse(siloAddress[(siloAddress.LastIndexOf(':') + 1)..siloAddress.IndexOf('@')], CultureInfo.InvariantCulture);
        return _siloPorts.Single(p => p.Value == port).Key;
    }

    public static Task WaitHealthyAsync(params RealtimeProcess[] processes) =>
        Task.WhenAll(processes.Select(p => p.WaitHealthyAsync(StartTimeout)));

    /// <summary>Each process's last lines, for the log of a failed test.</summary>
    public string Tails(int lines) =>
        string.Join("\n\n", _processes.Select(p => $"===== {p.Name}{(p.WasKilled ? " (killed)" : "")} =====\n{p.Tail(lines)}"));

    /// <summary>
    /// Kills what still runs. With <c>REALTIME_TEST_PROCESS_LOGS</c> set to a directory, each process's whole output is
    /// written there first (<c>{cluster}/{process}.log</c>), also after a passing run, to read what the cluster did.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Environment.GetEnvironmentVariable("REALTIME_TEST_PROCESS_LOGS") is { Length: > 0 } logs)
        {
            var directory = Directory.CreateDirectory(Path.Combine(logs, ClusterId)).FullName;
            foreach (var process in _processes)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, process.Name + ".log"), process.Output);
            }
        }
    }

    private static void Add(Dictionary<string, string> environment, IReadOnlyDictionary<string, string>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
    }

    private static Dictionary<string, string> Common() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["Realtime__Auth__SigningKey"] = DevTokens.SigningKey,

        // Seconds instead of Orleans' minutes: a killed silo is declared dead 6 s after its last heartbeat.
        ["Realtime__Clustering__IAmAlivePeriod"] = "00:00:00.500",
        ["Realtime__Clustering__LeaseTimeout"] = "00:00:04",
        ["Realtime__Clustering__DeathTimeout"] = "00:00:06",
        ["Realtime__Clustering__TableRefreshPeriod"] = "00:00:00.500",

        // Keep the captured output about the cluster, not about every HTTP request.
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };
}
