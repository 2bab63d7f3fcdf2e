using System.Net;

namespace OrleansRealtime.Client.Hosting;

/// <summary>A fixed list of gateway endpoints (<c>Realtime:Client:Gateways</c>), for clients without access to the membership table.</summary>
public sealed class StaticGatewayListProvider(IEnumerable<IPEndPoint> gateways) : IGatewayListProvider
{
    private readonly IReadOnlyList<IPEndPoint> _gateways = [.. gateways];

    public Task<IReadOnlyList<IPEndPoint>> GetGatewaysAsync(CancellationToken cancellationToken) => Task.FromResult(_gateways);
}
