using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Gateway.Api;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Hosting;
using OrleansRealtime.Gateway.SocketIo.Realtime;
using OrleansRealtime.Gateway.WebSockets;
using OrleansRealtime.Grains.Hosting;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>
/// A real Kestrel on 127.0.0.1:0 serving the gateway, with a silo composed in-process (memory storage and
/// reminders, every domain grain), as the silo process composes them. <see cref="Client"/> is a cluster
/// client for stream probes and direct grain calls; <see cref="Logs"/> captures every log line.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    // 64 bytes, so tests can also sign HS384 and HS512 tokens with it (which the gateway must refuse).
    public const string SigningKey = "gateway-tests-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz01";

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri address, ClusterClient client, LogCapture logs)
    {
        _app = app;
        Address = address;
        Client = client;
        Logs = logs;
    }

    public Uri Address { get; }

    public IClusterClient Client { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => _app.Services;

    public JwtTokenIssuer Tokens => _app.Services.GetRequiredService<JwtTokenIssuer>();

    /// <summary>Starts a host; <paramref name="port"/> 0 picks a free one, another value (a stopped host's) serves the same address again.</summary>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?>? settings = null, int port = 0)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var configuration = new Dictionary<string, string?> { ["Realtime:Auth:SigningKey"] = SigningKey };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var logs = new LogCapture();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        builder.UseSilo(s =>
        {
            s.AddMemoryGrainStorage("Default");
            s.UseInMemoryReminderService();
            s.AddRealtimeGrains();
        });
        builder.Services.AddRealtimeGateway(builder.Configuration);

        var app = builder.Build();
        app.UseRealtimeGateway();
        app.MapRealtimeApi();
        app.MapRealtimeWebSockets();
        app.MapRealtimeSocketIo();
        try
        {
            await app.StartAsync().WithTimeout();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = ClusterClient.Connect(app.Services.GetRequiredService<IClusterConnection>());
        return new GatewayHost(app, new Uri(address), client, logs);
    }

    /// <summary>An HTTP client with no token.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Address, Timeout = TestTimeouts.Default };

    /// <summary>An HTTP client with a valid token for <paramref name="userId"/> and <paramref name="roles"/>.</summary>
    public HttpClient As(string userId, params string[] roles) =>
        WithToken(Tokens.Mint(new TokenRequest { Subject = userId, Roles = roles }));

    public HttpClient WithToken(string token)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
    }
}
