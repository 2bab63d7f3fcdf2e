using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Transport;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>The listener runs its own Kestrel: in a plain generic host, beside a web app's Kestrel, and twice in one process.</summary>
public sealed class TransportListenerHostingTests
{
    [Fact]
    public async Task Listener_RunsInAPlainGenericHost_OnEphemeralPorts()
    {
        var builder = Host.CreateApplicationBuilder();
        AddListener(builder.Services);
        using var host = builder.Build();
        await host.StartAsync().WithTimeout();

        var listener = host.Services.GetRequiredService<TransportListener>();
        Assert.NotEqual(0, listener.SiloEndPoint.Port);
        Assert.NotEqual(0, listener.GatewayEndPoint!.Port);
        await using (var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint))
        {
            Assert.Equal(3, await TransportTestKit.Grain(connection).Add(1, 2).WithTimeout());
        }

        await host.StopAsync().WithTimeout();
    }

    [Fact]
    public async Task Listener_RunsBesideAWebAppsOwnKestrel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        AddListener(builder.Services);
        await using var app = builder.Build();
        app.MapGet("/", () => "web");
        await app.StartAsync().WithTimeout();

        var web = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient();
        Assert.Equal("web", await http.GetStringAsync(web).WithTimeout());
        var listener = app.Services.GetRequiredService<TransportListener>();
        await using (var connection = await TransportTestKit.ConnectAsync(listener.GatewayEndPoint!, TransportTestKit.Hello(PeerRole.Client)))
        {
            Assert.Equal(3, await TransportTestKit.Grain(connection).Add(1, 2).WithTimeout());
        }

        await app.StopAsync().WithTimeout();
    }

    [Fact]
    public async Task TwoListeners_InOneProcess_ServeIndependently()
    {
        await using var first = await TransportTestKit.StartListenerAsync(new TestAcceptor(), gatewayPort: 0);
        await using var second = await TransportTestKit.StartListenerAsync(new TestAcceptor(), gatewayPort: 0);
        await using var a = await TransportTestKit.ConnectAsync(first.SiloEndPoint);
        await using var b = await TransportTestKit.ConnectAsync(second.SiloEndPoint);

        Assert.NotEqual(first.SiloEndPoint, second.SiloEndPoint);
        Assert.Null(first.GatewayEndPoint);
        Assert.Equal(3, await TransportTestKit.Grain(a).Add(1, 2).WithTimeout());
        Assert.Equal(7, await TransportTestKit.Grain(b).Add(3, 4).WithTimeout());
        Assert.Single(first.Connections);
        Assert.Single(second.Connections);
    }

    private static void AddListener(IServiceCollection services)
    {
        services.AddSingleton(sp => new TransportListener(
            IPAddress.Loopback, 0, TransportListener.EphemeralGatewayPort, new TestAcceptor(), TransportTestKit.Serializer,
            new TransportOptions(), TimeProvider.System, sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<ListenerService>();
    }

    private sealed class ListenerService(TransportListener listener) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => listener.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => listener.StopAsync(cancellationToken);
    }
}
