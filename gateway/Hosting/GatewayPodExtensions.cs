using System.Text.Json;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Providers.PostgreSql;

namespace OrleansRealtime.Gateway.Hosting;

/// <summary>How a standalone gateway pod composes itself: a TCP cluster client, then the gateway over it.</summary>
public static class GatewayPodExtensions
{
    /// <summary>Where a pod listens unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> says otherwise: beside a silo on :8000 on one machine.</summary>
    public const string DefaultUrl = "http://localhost:8100";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplicationBuilder ConfigureRealtimeGatewayPod(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (!builder.Configuration.GetSection($"{ClusterClientOptions.SectionName}:Gateways").GetChildren().Any())
        {
            builder.Services.AddPostgreSqlGatewayList(builder.Configuration);
        }

        builder.Services.AddRealtimeClusterClient(builder.Configuration);
        builder.Services.AddRealtimeGateway(builder.Configuration);
        return builder;
    }

    /// <summary><c>GET /healthz</c>: 200 while the pod is connected to a silo, 503 while it (re)connects.</summary>
    public static WebApplication MapGatewayPodHealthEndpoint(this WebApplication app)
    {
        app.MapGet("/healthz", (TcpClusterConnection cluster) => cluster.IsConnected
            ? Results.Json(new { status = "healthy", role = "gateway", silo = cluster.GatewaySilo }, Json)
            : Results.Problem(title: "Not connected to the cluster", detail: "The gateway is reconnecting to a silo.", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
