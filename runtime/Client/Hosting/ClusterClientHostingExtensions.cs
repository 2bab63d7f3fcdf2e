using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// Adds a remote <see cref="IClusterClient"/> to a host (a gateway pod, any .NET service), as Orleans'
/// <c>UseOrleansClient</c>. The client and its <see cref="IGrainFactory"/> are registered at once; the host's start
/// waits until the first gateway connection is up (<c>Realtime:Client:InitialConnectTimeout</c>, 30 s) and fails
/// when none is. Gateways come from <c>Realtime:Client:Gateways</c> when set, otherwise from a registered
/// <see cref="IGatewayListProvider"/> (for example <c>AddPostgreSqlGatewayList</c>, which reads the membership table).
/// </summary>
public static class ClusterClientHostingExtensions
{
    public static IServiceCollection AddRealtimeClusterClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterClientOptions>().Bind(configuration.GetSection(ClusterClientOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClusterId), $"{ClusterClientOptions.SectionName}:ClusterId must not be empty.")
            .Validate(o => o.Gateways.All(g => IPEndPoint.TryParse(g, out var e) && e.Port > 0), $"{ClusterClientOptions.SectionName}:Gateways entries must be 'address:port' (for example 127.0.0.1:30000).")
            .Validate(o => o.InitialConnectTimeout > TimeSpan.Zero && o.ReconnectDelay > TimeSpan.Zero && o.MaxReconnectDelay >= o.ReconnectDelay,
                $"{ClusterClientOptions.SectionName}: InitialConnectTimeout and ReconnectDelay must be positive, and MaxReconnectDelay at least ReconnectDelay.")
            .ValidateOnStart();
        services.AddOptions<TransportOptions>().Bind(configuration.GetSection(TransportOptions.SectionName)).Validate(o => o.Validate() is null, "Realtime:Transport options are invalid; see TransportOptions.").ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value;
            IGatewayListProvider gateways = options.Gateways.Count > 0
                ? new StaticGatewayListProvider(options.Gateways.Select(IPEndPoint.Parse))
                : sp.GetService<IGatewayListProvider>()
                    ?? throw new InvalidOperationException($"Set {ClusterClientOptions.SectionName}:Gateways or register an IGatewayListProvider (AddPostgreSqlGatewayList) so the client can find the cluster.");
            return new TcpClusterConnection(gateways, options, sp.GetRequiredService<IOptions<TransportOptions>>().Value,
                sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton(sp => ClusterClient.Connect(sp.GetRequiredService<TcpClusterConnection>(), sp.GetService<TimeProvider>(), client =>
        {
            client.AddSingleton(sp.GetRequiredService<ILoggerFactory>());
            client.Configure<Messaging.MessagingOptions>(configuration.GetSection(Messaging.MessagingOptions.SectionName));
            client.Configure<ClientStreamOptions>(configuration.GetSection(ClientStreamOptions.SectionName));
        }));
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService<ClusterClientHostedService>();
        return services;
    }

    /// <summary>Connects at start; disposes the client (releasing stream leases) at stop.</summary>
    private sealed class ClusterClientHostedService(ClusterClient client, TcpClusterConnection connection) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => connection.StartAsync(cancellationToken);

        public async Task StopAsync(CancellationToken cancellationToken) => await client.DisposeAsync();
    }
}
