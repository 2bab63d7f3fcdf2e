using System.Net;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Streams;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>The placement the socket bench needs before it measures: which silo serves the pod, which users, their sockets.</summary>
internal static class SocketSetup
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The client endpoint (gateway port) <paramref name="silo"/> wrote in the membership table.</summary>
    public static async Task<IPEndPoint> GatewayEndpointOfAsync(MultiSiloTestCluster cluster, TestSilo silo)
    {
        var table = await cluster.MembershipTable.ReadAllAsync();
        var entry = table.Members.Select(m => m.Entry).Single(e => e.SiloAddress.Equals(silo.Address));
        return entry.GatewayPort > 0
            ? new IPEndPoint(IPAddress.Loopback, entry.GatewayPort)
            : throw new InvalidOperationException($"{silo} has no gateway port.");
    }

    /// <summary>
    /// The grain that orders user <paramref name="userId"/>'s stream: the one the gateway's feed subscribes to
    /// (provider <c>events</c>, <c>user/{userId}</c>, see gateway/Delivery/UserFeedHub.cs).
    /// </summary>
    public static GrainId RendezvousOf(string userId) =>
        new("sys.stream", $"{UserStreams.ProviderName}/{UserStreams.UserNamespace}/{userId}");

    /// <summary>
    /// <paramref name="count"/> user ids whose stream rendezvous is active on <paramref name="silo"/>. Placement is random,
    /// so the bench activates candidates' rendezvous (a position read through the cluster's own client) and keeps those
    /// that landed there; the pod's subscriptions then find them active where they are.
    /// </summary>
    public static async Task<string[]> UsersWithRendezvousOnAsync(MultiSiloTestCluster cluster, TestSilo silo, int count)
    {
        var provider = cluster.Client.GetStreamProvider(UserStreams.ProviderName);
        var chosen = new List<string>();
        const int batch = 50;
        for (int next = 0; chosen.Count < count; next += batch)
        {
            if (next > count * 20)
            {
                throw new InvalidOperationException($"Only {chosen.Count} of {next} user streams had their rendezvous on {silo}.");
            }

            var candidates = Enumerable.Range(next, batch).Select(i => $"bench-user-{i}").ToArray();
            await Task.WhenAll(candidates.Select(u => provider.GetStream<Envelope>(UserStreams.ForUser(u)).GetPositionAsync()));
            chosen.AddRange(candidates.Where(u => cluster.HostsOf(RendezvousOf(u)).SingleOrDefault() == silo));
        }

        return [.. chosen.Take(count)];
    }

    /// <summary>
    /// One socket per user, socket <c>i</c> for user <c>i</c>, a few connecting at a time, each within 10 s. The pod mints
    /// the tokens first, one at a time (a pod in a child process answers one request at a time).
    /// </summary>
    public static async Task<BenchSocket[]> ConnectAsync(IBenchPod pod, string[] userIds, DeliveryRecorder recorder)
    {
        var tokens = new string[userIds.Length];
        for (int i = 0; i < userIds.Length; i++)
        {
            tokens[i] = await pod.MintTokenAsync(userIds[i]);
        }

        var sockets = new BenchSocket?[userIds.Length];
        using var gate = new SemaphoreSlim(16);
        try
        {
            await Task.WhenAll(userIds.Select(async (user, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    sockets[i] = await BenchSocket.ConnectAsync(pod.WebSocketEndpoint, tokens[i], i, recorder, ConnectTimeout);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        catch
        {
            await DisposeAsync(sockets);
            throw;
        }

        return [.. sockets.Select(s => s!)];
    }

    public static Task DisposeAsync(IEnumerable<BenchSocket?> sockets) =>
        Task.WhenAll(sockets.Where(s => s is not null).Select(s => s!.DisposeAsync().AsTask()));
}
