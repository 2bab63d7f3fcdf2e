using System.Net;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// The gateways of a cluster from its membership table: every <see cref="SiloStatus.Active"/> silo with a gateway port,
/// at its advertised address. Read on each call (one table read per connection attempt), never cached, so a client
/// never tries a silo the table already shows dead.
/// </summary>
public sealed class MembershipGatewayListProvider(IMembershipTable table) : IGatewayListProvider
{
    public async Task<IReadOnlyList<IPEndPoint>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken);
        return [.. data.Members
            .Select(m => m.Entry)
            .Where(e => e.Status == SiloStatus.Active && e.GatewayPort > 0)
            .Select(e => new IPEndPoint(e.SiloAddress.Address, e.GatewayPort))];
    }
}
