using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Runtime;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Messaging;

namespace OrleansRealtime.Server.Hosting;

/// <summary>An in-process client connection to one silo (the co-hosted gateway and the test cluster use it).</summary>
internal sealed class LocalClusterConnection(SiloMessageCenter messageCenter, GrainTypeManifest manifest) : IClusterConnection
{
    public IMessageSink Outbound => messageCenter;

    public IGrainTypeResolver TypeResolver => manifest;

    public void Attach(string clientId, IMessageSink inbound) => messageCenter.AttachClient(clientId, inbound);

    public void Detach(string clientId) => messageCenter.DetachClient(clientId);
}
