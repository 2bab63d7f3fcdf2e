using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Runtime;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Messaging;

namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// An in-process client connection to one silo (the co-hosted gateway and the test cluster use it). On a clustered
/// silo an attached client is also registered as an observer host in the grain directory, so grains on other silos
/// reach its observers (a client attached before the silo joined is registered when it joins).
/// </summary>
internal sealed partial class LocalClusterConnection(SiloMessageCenter messageCenter, GrainTypeManifest manifest, IServiceProvider services, ILogger<LocalClusterConnection> logger) : IClusterConnection
{
    public IMessageSink Outbound => messageCenter;

    public IGrainTypeResolver TypeResolver => manifest;

    public void Attach(string clientId, IMessageSink inbound)
    {
        messageCenter.AttachClient(clientId, inbound);
        if (services.GetRequiredService<ClusteringMode>().Enabled && services.GetRequiredService<ClusterRouter>() is { LocalSilo: not null } router)
        {
            _ = RegisterAsync(router, clientId);
        }
    }

    public void Detach(string clientId) => messageCenter.DetachClient(clientId);

    private async Task RegisterAsync(ClusterRouter router, string clientId)
    {
        try
        {
            await router.RegisterHostAsync(clientId);
        }
        catch (Exception ex)
        {
            LogRegisterFailed(logger, ex, clientId);
        }
    }

    [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "Could not register the in-process client {ClientId} in the grain directory; grains on other silos cannot reach its observers")]
    private static partial void LogRegisterFailed(ILogger logger, Exception exception, string clientId);
}
