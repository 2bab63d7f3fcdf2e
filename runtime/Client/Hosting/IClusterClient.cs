using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// A connection to the cluster from outside a silo: makes grain references, hosts observer objects, and
/// subscribes to streams with leases it renews in the background until it is disposed.
/// </summary>
public interface IClusterClient : IGrainFactory, IAsyncDisposable
{
    string ClientId { get; }

    IStreamProvider GetStreamProvider(string name);
}
