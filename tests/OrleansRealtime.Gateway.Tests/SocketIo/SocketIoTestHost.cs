using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Gateway.SocketIo;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>A minimal app on a real Kestrel (127.0.0.1, port 0): AddSocketIo, MapSocketIo and <see cref="TestSocketIoHandler"/>.</summary>
public sealed class SocketIoTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SocketIoTestHost(WebApplication app, Uri address, TestSocketIoHandler handler, LogCapture logs)
    {
        _app = app;
        Address = address;
        Handler = handler;
        Logs = logs;
    }

    public Uri Address { get; }

    public TestSocketIoHandler Handler { get; }

    public LogCapture Logs { get; }

    internal EngineIoServer Server => _app.Services.GetRequiredService<EngineIoServer>();

    public static async Task<SocketIoTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogCapture();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        var handler = new TestSocketIoHandler();
        builder.Services.AddSingleton<ISocketIoHandler>(handler);
        builder.Services.AddSocketIo(builder.Configuration);

        var app = builder.Build();
        app.MapSocketIo();
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
        return new SocketIoTestHost(app, new Uri(address), handler, logs);
    }

    public PollingClient Polling() => new(Address);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
    }
}
