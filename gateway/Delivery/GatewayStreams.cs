using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.GrainInterfaces.Streams;

namespace OrleansRealtime.Gateway.Delivery;

/// <summary>
/// The gateway's cluster client and its <c>events</c> stream provider. A gateway pod registers its own
/// <see cref="IClusterClient"/>; a silo co-hosting the gateway provides an <see cref="IClusterConnection"/>,
/// over which this makes a client of its own (so the gateway's stream leases behave exactly as a pod's).
/// </summary>
internal sealed class GatewayStreams : IAsyncDisposable
{
    private readonly ClusterClient? _owned;

    public GatewayStreams(IServiceProvider services)
    {
        var client = services.GetService<IClusterClient>();
        if (client is null)
        {
            _owned = ClusterClient.Connect(services.GetRequiredService<IClusterConnection>(), services.GetService<TimeProvider>());
            client = _owned;
        }

        Client = client;
        Provider = client.GetStreamProvider(UserStreams.ProviderName);
    }

    public IClusterClient Client { get; }

    public IStreamProvider Provider { get; }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
