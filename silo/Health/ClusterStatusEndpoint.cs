using System.Text.Json;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Silo.Health;

/// <summary>
/// <c>GET /cluster</c>: the silos this silo knows of (its membership view), their status, and activation counts.
/// Counts are known for this silo only until silos exchange them over the cluster transport; other silos show
/// null. A single-node silo (no membership table) lists itself alone. Unauthenticated like <c>/healthz</c>:
/// it is for operators and orchestrators on the cluster network, and shows no user data.
/// </summary>
public static class ClusterStatusEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static WebApplication MapClusterStatusEndpoint(this WebApplication app)
    {
        app.MapGet("/cluster", (OrleansRealtime.Server.Hosting.Silo silo, IServiceProvider services) =>
        {
            var membership = services.GetService<IClusterMembership>();
            var local = membership?.LocalSilo;
            if (membership is null || local is null)
            {
                var alone = new SiloStatusRow(silo.Name, silo.Name, silo.Status.ToString(), null, null, null, null, silo.ActivationCount, IsLocal: true);
                return Results.Json(new ClusterStatus(Clustered: false, Version: null, [alone]), Json);
            }

            var snapshot = membership.Current;
            var rows = snapshot.Members
                .OrderBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal)
                .Select(m => Row(m, m.SiloAddress.Equals(local) ? silo.ActivationCount : null, m.SiloAddress.Equals(local)))
                .ToList();
            return Results.Json(new ClusterStatus(Clustered: true, snapshot.Version, rows), Json);
        });
        return app;
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
