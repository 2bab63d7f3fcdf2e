using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Hosting;
using OrleansRealtime.Gateway.WebSockets;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// A gateway pod in this process, composed as <c>gateway/GatewayProgram.cs</c> composes one (its WebSocket endpoints
/// only): Kestrel on 127.0.0.1 with an ephemeral (or given) port, and a TCP cluster client whose only gateway is the silo
/// the bench names (<c>Realtime:Client:Gateways</c>), so the bench knows which silo the pod's stream deliveries come
/// through. <c>socket --pod-process</c> runs the same pod in a child process (<see cref="PodProcess"/>).
/// </summary>
internal sealed class BenchGatewayPod : IBenchPod
{
    /// <summary>The HS256 key of this process only; the bench mints its users' tokens with it.</summary>
    private const string SigningKey = "cluster-bench-signing-key-0123456789abcdef-not-a-secret";

    private readonly WebApplication _app;

    private BenchGatewayPod(WebApplication app, Uri webSocketEndpoint)
    {
        _app = app;
        WebSocketEndpoint = webSocketEndpoint;
    }

    /// <summary><c>ws://127.0.0.1:{port}/ws</c>.</summary>
    public Uri WebSocketEndpoint { get; }

    /// <summary>The silo the pod's cluster client is connected to (<c>SiloAddress.ToParsableString()</c>).</summary>
    public string? GatewaySilo => _app.Services.GetRequiredService<TcpClusterConnection>().GatewaySilo;

    /// <summary>Starts the pod on 127.0.0.1:<paramref name="port"/> (0: any free port); its start waits until the cluster client is connected (at most 20 s).</summary>
    public static async Task<BenchGatewayPod> StartAsync(IPEndPoint siloGateway, int port = 0)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // Added last, so these win over any appsettings or environment variables the default builder read.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WebHostDefaults.ServerUrlsKey] = FormattableString.Invariant($"http://127.0.0.1:{port}"),
            [$"{ClusterClientOptions.SectionName}:Gateways:0"] = siloGateway.ToString(),
            [$"{ClusterClientOptions.SectionName}:InitialConnectTimeout"] = "00:00:20",
            [$"{RealtimeAuthOptions.SectionName}:SigningKey"] = SigningKey,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.ConfigureRealtimeGatewayPod();

        var app = builder.Build();
        app.UseRealtimeGateway();
        app.MapRealtimeWebSockets();
        try
        {
            await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var http = new Uri(address);
        return new BenchGatewayPod(app, new UriBuilder("ws", http.Host, http.Port, "/ws").Uri);
    }

    public string MintToken(string userId) =>
        _app.Services.GetRequiredService<JwtTokenIssuer>().Mint(new TokenRequest { Subject = userId, Lifetime = TimeSpan.FromHours(1) });

    public Task<string> MintTokenAsync(string userId) => Task.FromResult(MintToken(userId));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // Disposing below still releases the port and the cluster connection.
        }

        await _app.DisposeAsync();
    }
}
