using OrleansRealtime.Gateway.Api;
using OrleansRealtime.Gateway.Hosting;
using OrleansRealtime.Gateway.SocketIo.Realtime;
using OrleansRealtime.Gateway.WebSockets;

namespace OrleansRealtime.Gateway;

/// <summary>
/// <c>dotnet run --project gateway</c>: a standalone gateway pod. It serves the same WebSocket, Socket.IO and HTTP
/// endpoints as the silo's co-hosted gateway, and reaches the grains through a cluster client over TCP: gateways from
/// <c>Realtime:Client:Gateways</c>, or from the cluster's PostgreSQL membership table
/// (<c>Realtime:Clustering:PostgreSql:ConnectionString</c>). Several pods can serve the same users at once.
/// An explicit <c>Main</c> (no top-level statements), because the silo references this assembly and has its own.
/// </summary>
public static class GatewayProgram
{
    public static int Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Not appsettings.json: the silo references this project, and files of that name would land in its output.
        // Environment variables and the command line still override these files.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = "gateway.settings.json", Optional = true, ReloadOnChange = false });
        builder.Configuration.Sources.Insert(1, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = $"gateway.settings.{builder.Environment.EnvironmentName}.json", Optional = true, ReloadOnChange = false });
        builder.ConfigureRealtimeGatewayPod();

        var app = builder.Build();
        app.UseRealtimeGateway();
        app.MapGatewayPodHealthEndpoint();
        app.MapRealtimeApi();
        app.MapRealtimeWebSockets();
        app.MapRealtimeSocketIo();
        app.Run();
        return 0;
    }
}
