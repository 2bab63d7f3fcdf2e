using System.Net;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// Where a client finds the cluster's gateways (silos accepting client connections), as Orleans'
/// <c>IGatewayListProvider</c>. Asked before every connection attempt, so a client follows silos joining and leaving.
/// An empty list means "no gateway now": the client keeps retrying. Exceptions count as an empty list and are logged.
/// </summary>
public interface IGatewayListProvider
{
    Task<IReadOnlyList<IPEndPoint>> GetGatewaysAsync(CancellationToken cancellationToken);
}
