using System.Text.Json;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Client.Management;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Silo.Health;

/// <summary>
/// <c>GET /cluster</c>: the silos this silo knows of (its membership view), their status, and activation counts.
/// Each live silo reports its own count over the cluster transport (<see cref="ISiloControlGrain"/>, 2 s each);
/// a dead silo, or one that does not answer in time, shows null. A single-node silo (no membership table) lists itself alone. Unauthenticated like <c>/healthz</c>:
/// it is for operators and orchestrators on the cluster network, and shows no user data.
/// </summary>
public static class ClusterStatusEndpoint
{
    private static readonly TimeSpan StatisticsTimeout = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static WebApplication MapClusterStatusEndpoint(this WebApplication app)
    {
        app.MapGet("/cluster", async (OrleansRealtime.Server.Hosting.Silo silo, IGrainFactory grains, IServiceProvider services) =>
        {
            var membership = services.GetService<IClusterMembership>();
            var local = membership?.LocalSilo;
            if (membership is null || local is null)
            {
                var alone = new SiloStatusRow(silo.Name, silo.Name, silo.Status.ToString(), null, null, null, null, silo.ActivationCount, IsLocal: true);
                return Results.Json(new ClusterStatus(Clustered: false, Version: null, [alone]), Json);
            }

            var snapshot = membership.Current;
            var members = snapshot.Members.OrderBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal).ToList();
            var counts = await Task.WhenAll(members.Select(m => ActivationsAsync(grains, m, local, silo)));
            var rows = members.Select((m, i) => Row(m, counts[i], m.SiloAddress.Equals(local))).ToList();
            return Results.Json(new ClusterStatus(Clustered: true, snapshot.Version, rows), Json);
        });
        return app;
    }

    /// <summary>Asks each live silo for its count (bounded, so one stuck silo cannot stall the page); null when it does not answer.</summary>
    private static async Task<int?> ActivationsAsync(IGrainFactory grains, MembershipEntry member, SiloAddress local, OrleansRealtime.Server.Hosting.Silo silo)
    {
        if (member.SiloAddress.Equals(local))
        {
            return silo.ActivationCount;
        }

        if (member.Status is not (SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown))
        {
            return null;
        }

        try
        {
            return (await SiloControl.For(grains, member.SiloAddress).GetStatistics().WaitAsync(StatisticsTimeout)).Activations;
        }
        catch (Exception ex) when (ex is TimeoutException or RealtimeException)
        {
            return null;
        }
    }

    private static SiloStatusRow Row(MembershipEntry entry, int? activations, bool isLocal) => new(
        entry.SiloAddress.ToString(),
        entry.SiloName,
        entry.Status.ToString(),
        entry.HostName,
        entry.GatewayPort,
        entry.StartTime,
        entry.IAmAliveTime,
        activations,
        isLocal);

    private sealed record ClusterStatus(bool Clustered, int? Version, IReadOnlyList<SiloStatusRow> Silos);

    private sealed record SiloStatusRow(
        string Silo,
        string SiloName,
        string Status,
        string? HostName,
        int? GatewayPort,
        DateTimeOffset? StartedAt,
        DateTimeOffset? IAmAliveAt,
        int? Activations,
        bool IsLocal);
}
