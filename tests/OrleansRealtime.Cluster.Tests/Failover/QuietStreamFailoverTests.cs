using System.Net.Http.Json;
using System.Text.Json;
using OrleansRealtime.Cluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace OrleansRealtime.Cluster.Tests.Failover;

/// <summary>
/// The case the continuous publisher of <see cref="DurableDeliveryFailoverTests"/> hides: a gateway pod loses the silo
/// it is connected to while the user's stream lives on and accepts publishes on another silo, and the stream goes
/// quiet right after. An event the rendezvous could not deliver while the pod reconnected is otherwise noticed only at
/// the next live event; here there is none, so the pod's periodic position check must find it (it did not exist when
/// this test first ran: the event stayed undelivered for good).
/// </summary>
public sealed class QuietStreamFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(20);

    // PreferLocal: a grain lands on the silo of its first caller, so the test decides where the stream lives.
    private static readonly Dictionary<string, string> PreferLocal = new() { ["Realtime__Placement__DefaultStrategy"] = "PreferLocal" };

    [Fact]
    public async Task EventsAcknowledgedWhileAPodReconnects_ReachItsClients_WithoutALaterEvent()
    {
        var connectionString = TestPostgres.ConnectionString;
        await using var cluster = new LocalCluster(connectionString);
        var clients = new List<ResumingClient>();
        DepositPublisher? publisher = null;
        try
        {
            // The pod starts while silo-o is the only silo, so it connects to silo-o.
            var siloO = cluster.StartSilo("silo-o", PreferLocal);
            await LocalCluster.WaitHealthyAsync(siloO);
            // The pod's position check runs on its presence timer (40 s by default): 2 s keeps the test short.
            var gateway = cluster.StartGateway("gateway-1", new Dictionary<string, string> { ["Realtime__Gateway__PresenceRenewalPeriod"] = "00:00:02" });
            await LocalCluster.WaitHealthyAsync(gateway);
            var siloH = cluster.StartSilo("silo-h", PreferLocal);
            await LocalCluster.WaitHealthyAsync(siloH);
            Assert.Contains($":{cluster.SiloPortOf(siloO)}@", await ConnectedSiloAsync(gateway));

            // The first deposit, through silo-h's own gateway, places the user grain and the stream on silo-h.
            var userId = "mproc-" + Guid.NewGuid().ToString("N")[..8];
            publisher = new DepositPublisher(userId, DevTokens.Mint("billing", "service"), [siloH]);
            publisher.Start();
            await publisher.WaitForMoreAcknowledgedAsync(1, TimeSpan.FromSeconds(30));
            await publisher.StopAsync();
            var host = await GrainDirectoryTable.SiloOfAsync(connectionString, cluster.ClusterId, GrainDirectoryTable.UserStream(userId));
            Assert.Contains($":{cluster.SiloPortOf(siloH)}@", host);

            var token = DevTokens.Mint(userId);
            clients.AddRange(Enumerable.Range(1, 2).Select(i => new ResumingClient($"client-{i}@{gateway.Name}", token, [gateway], firstGateway: 0)));
            await Task.WhenAll(clients.Select(c => c.StartAsync()));

            // A few events while everything is up, then kill -9 the pod's silo, then a burst, then silence.
            await using var burst = new DepositPublisher(userId, DevTokens.Mint("billing", "service"), [siloH]);
            burst.Start();
            await burst.WaitForMoreAcknowledgedAsync(10, TimeSpan.FromSeconds(30));
            await siloO.KillAsync();
            await burst.WaitForMoreAcknowledgedAsync(1, TimeSpan.FromSeconds(30));
            await burst.StopAsync();
            var acknowledged = burst.Acknowledged;
            output.WriteLine($"killed silo-o with the pod connected to it; {acknowledged.Count} deposits acknowledged by silo-h, {burst.Failures.Count} failed");

            var catchUp = System.Diagnostics.Stopwatch.StartNew();
            var caughtUp = await Task.WhenAll(clients.Select(c =>
                c.WaitUntilAsync(events => acknowledged.All(events.Select(e => e.Marker).ToHashSet().Contains), CatchUpTimeout)));
            var results = clients.Select(c => DeliveryCheck.Verify(c.Name, acknowledged, c.Events)).ToList();
            output.WriteLine($"clients caught up {catchUp.Elapsed.TotalSeconds:0.0} s after the last publish (a repair by the position check takes up to its 2 s period)");
            foreach (var (client, result) in clients.Zip(results))
            {
                output.WriteLine($"{client.Name}: delivered {result.DeliveredAcknowledged}/{acknowledged.Count} acknowledged, resumes {client.Resumes}, resync_required {client.Resyncs.Count}");
            }

            Assert.True(results.All(r => r.Problems.Count == 0) && caughtUp.All(c => c),
                $"within {CatchUpTimeout.TotalSeconds:0} s of the last publish:\n" + string.Join('\n', results.SelectMany(r => r.Problems)));
        }
        catch
        {
            output.WriteLine(string.Join('\n', clients.SelectMany(c => c.History.Select(h => $"{c.Name}: {h}"))));
            output.WriteLine(cluster.Tails(120));
            throw;
        }
        finally
        {
            if (publisher is not null)
            {
                await publisher.DisposeAsync();
            }

            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>The silo a gateway pod is connected to, from its <c>/healthz</c>.</summary>
    private static async Task<string> ConnectedSiloAsync(RealtimeProcess gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        return health.GetProperty("silo").GetString() ?? throw new InvalidOperationException($"{gateway.Name} reports no silo: {health}");
    }
}
