using System.Text.Json;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Silo.Health;

/// <summary>
/// <c>GET /healthz</c>: 200 with the silo's status while it serves grain calls, 503 (problem details)
/// while it starts or stops, so an orchestrator routes traffic only to an active silo.
/// </summary>
public static class HealthEndpoint
{
    // Its own names (camelCase web defaults), independent of the API's snake_case settings, so probes keep reading 'siloStatus'.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplication MapHealthEndpoint(this WebApplication app)
    {
        app.MapGet("/healthz", (OrleansRealtime.Server.Hosting.Silo silo) =>
        {
            var body = new { status = silo.Status == SiloStatus.Active ? "healthy" : "unavailable", silo = silo.Name, siloStatus = silo.Status.ToString(), activations = silo.ActivationCount };
            return silo.Status == SiloStatus.Active
                ? Results.Json(body, Json)
                : Results.Problem(title: "Silo not active", detail: $"The silo is {silo.Status}.", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
