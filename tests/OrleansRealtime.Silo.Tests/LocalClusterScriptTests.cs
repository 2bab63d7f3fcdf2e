using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.Silo.Tests;

/// <summary>
/// <c>scripts/local-cluster.sh</c>, the tested twin of docker-compose.yml: two silos and a gateway pod on PostgreSQL,
/// a deposit through a silo's HTTP API and one from the cluster client sample both reaching a socket on the pod,
/// an idempotent re-start, status, and a stop that leaves no process behind.
/// </summary>
public sealed class LocalClusterScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task LocalCluster_StartsSilosAndAGateway_DeliversDepositsToSockets_AndStopsEveryProcess()
    {
        var postgres = Environment.GetEnvironmentVariable("REALTIME_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("REALTIME_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");
        var basePort = FreeBasePort();
        var state = Directory.CreateTempSubdirectory("realtime-local-cluster-").FullName;
        var clusterId = "lc-test-" + Guid.NewGuid().ToString("N")[..12];
        string[] options = ["--base-port", basePort.ToString(), "--cluster-id", clusterId, "--state-dir", state, "--postgres", postgres];
        var environment = new Dictionary<string, string>
        {
            ["Realtime__Auth__SigningKey"] = SiloProcess.SigningKey,
            ["LOCAL_CLUSTER_CONFIGURATION"] = ScriptRun.Configuration,
        };
        var pids = new List<int>();
        var stopped = false;
        try
        {
            // --no-build: the test project built the silo and the gateway already.
            var start = await ScriptAsync(["start", "--silos", "2", "--gateways", "1", "--no-build", .. options], environment);
            Assert.True(start.ExitCode == 0, $"start failed:\n{start.Output}");
            pids.AddRange(Directory.GetFiles(Path.Combine(state, "pids"), "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())));
            Assert.Equal(3, pids.Count);
            Assert.Contains($"http://127.0.0.1:{basePort + 100}", start.Output);

            var silo0 = new Uri($"http://127.0.0.1:{basePort}");
            var silo1 = new Uri($"http://127.0.0.1:{basePort + 1}");
            var gateway = new Uri($"http://127.0.0.1:{basePort + 100}");
            using var http = new HttpClient { Timeout = Timeout };

            // Both silos in each other's view, with their activation counts (views converge by the table refresh).
            await AssertTwoActiveSilosAsync(http, silo0);
            await AssertTwoActiveSilosAsync(http, silo1);
            using (var health = await http.GetAsync(new Uri(gateway, "/healthz")))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            // A socket of the user on the gateway pod; the deposit goes through silo-1's API.
            var user = "lc-" + Guid.NewGuid().ToString("N")[..10];
            var token = await SiloApiTests.MintForTestsAsync(user);
            var service = await SiloApiTests.MintForTestsAsync("billing", "--role", "service");
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            await socket.ConnectAsync(new Uri($"ws://{gateway.Authority}/ws"), CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal("connection_established", (await ReceiveAsync(socket)).GetProperty("type").GetString());

            using (var deposit = new HttpRequestMessage(HttpMethod.Post, new Uri(silo1, $"/api/users/{user}/balance/deposit")))
            {
                deposit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service);
                deposit.Content = JsonContent.Create(new { amount = 25, reason = "local cluster test" });
                using var response = await http.SendAsync(deposit);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.Equal(25, (await ReceiveBalanceUpdateAsync(socket)).GetProperty("data").GetProperty("balance").GetInt64());

            // The cluster client sample (another .NET service) deposits through the grain interface.
            var sample = await ScriptRun.RunAsync("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "ClusterClientSample.dll"), "--postgres", postgres, "--cluster-id", clusterId, "--user", user, "--amount", "17"],
                null, Timeout * 2);
            Assert.True(sample.ExitCode == 0, $"the sample failed:\n{sample.Output}");
            Assert.Contains("balance_after=42", sample.Output);
            Assert.Equal(42, (await ReceiveBalanceUpdateAsync(socket)).GetProperty("data").GetProperty("balance").GetInt64());
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Timeout);

            var status = await ScriptAsync(["status", "--state-dir", state], environment);
            Assert.True(status.ExitCode == 0, $"status failed:\n{status.Output}");
            Assert.Contains("silo-1 running", status.Output);
            Assert.Contains("\"clustered\": true", status.Output);

            // Starting again changes nothing: every process runs already.
            var again = await ScriptAsync(["start", "--silos", "2", "--gateways", "1", "--no-build", .. options], environment);
            Assert.True(again.ExitCode == 0, $"the second start failed:\n{again.Output}");
            Assert.Contains("gateway-0 runs already", again.Output);
            Assert.Equivalent(pids, Directory.GetFiles(Path.Combine(state, "pids"), "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())).ToList());

            var stop = await ScriptAsync(["stop", "--state-dir", state], environment);
            stopped = true;
            Assert.True(stop.ExitCode == 0, $"stop failed:\n{stop.Output}");
            Assert.All(pids, pid => Assert.False(Runs(pid), $"process {pid} still runs after stop:\n{stop.Output}"));
            Assert.Empty(Directory.GetFiles(Path.Combine(state, "pids")));
        }
        finally
        {
            if (!stopped)
            {
                await ScriptAsync(["stop", "--state-dir", state], environment);
            }

            // Never leave a process of this test behind, even when stop itself failed.
            foreach (var pid in pids.Where(Runs))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                }
            }

            Directory.Delete(state, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Output)> ScriptAsync(string[] arguments, IDictionary<string, string> environment) =>
        ScriptRun.RunAsync("bash", [Path.Combine(ScriptRun.RepositoryRoot, "scripts", "local-cluster.sh"), .. arguments], environment, ScriptTimeout);

    /// <summary>`start` returns only once every silo's /cluster lists the whole cluster (the script waits for it).</summary>
    private static async Task AssertTwoActiveSilosAsync(HttpClient http, Uri silo)
    {
        var body = await http.GetStringAsync(new Uri(silo, "/cluster"));
        using var cluster = JsonDocument.Parse(body);
        var active = cluster.RootElement.GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "Active" && s.GetProperty("activations").ValueKind == JsonValueKind.Number)
            .ToList();
        Assert.True(cluster.RootElement.GetProperty("clustered").GetBoolean() && active.Count == 2,
            $"{silo}cluster does not list 2 active silos with activation counts after start:\n{body}");
    }

    private static async Task<JsonElement> ReceiveBalanceUpdateAsync(ClientWebSocket socket)
    {
        JsonElement update;
        do
        {
            update = await ReceiveAsync(socket);
        }
        while (update.GetProperty("type").GetString() != "balance:update");

        return update;
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).AsTask().WaitAsync(Timeout);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, count)).RootElement.Clone();
    }

    /// <summary>True while the process exists and is no zombie (a reparented child nobody reaped is gone for our purposes).</summary>
    private static bool Runs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z') is false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// A base port P with P, P+1, P+100, P+200, P+201, P+300 and P+301 free: below the ephemeral range other tests'
    /// port-0 listeners use, and clear of the defaults 11111 and 30000 the other silo process tests bind.
    /// </summary>
    private static int FreeBasePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = Random.Shared.Next(1500, 2960) * 10;
            int[] ports = [candidate, candidate + 1, candidate + 100, candidate + 200, candidate + 201, candidate + 300, candidate + 301];
            if (ports.All(Free))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No free block of ports between 15000 and 29900.");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
