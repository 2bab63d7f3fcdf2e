using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.Server.Transport;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// Admits inbound connections after their hello: silos and clients of this cluster only (same <c>ClusterId</c>),
/// and only once this silo has joined (it must name itself in the reply). A client's reply carries the cluster
/// manifest (<see cref="ClusterManifest"/>); a client id must be a short non-empty token.
/// </summary>
internal sealed partial class ClusterConnectionAcceptor : IConnectionAcceptor
{
    private const int MaxClientIdLength = 200;

    private readonly ConcurrentDictionary<string, ClientConnectionHandler> _accepted = new(StringComparer.Ordinal);
    private readonly SiloMessageCenter _center;
    private readonly ClusterRouter _router;
    private readonly SiloInboundHandler _silos;
    private readonly string _clusterId;
    private readonly ILogger _logger;
    private readonly Lazy<byte[]> _manifest;

    public ClusterConnectionAcceptor(SiloMessageCenter center, ClusterRouter router, SiloInboundHandler silos, GrainTypeManifest manifest, IOptions<SiloOptions> silo, ILogger<ClusterConnectionAcceptor> logger)
    {
        _center = center;
        _router = router;
        _silos = silos;
        _clusterId = silo.Value.ClusterId;
        _logger = logger;
        _manifest = new Lazy<byte[]>(() => JsonSerializer.SerializeToUtf8Bytes(new ClusterManifest(
            router.LocalSilo!.ToParsableString(),
            [.. manifest.Classes.Select(c => new ClusterManifest.GrainClass(
                c.GrainType, c.GrainClass.Name, c.GrainClass.FullName ?? c.GrainClass.Name, [.. c.GrainInterfaces.Select(i => i.FullName ?? i.Name)]))])));
    }

    public (HandshakeInfo Reply, IInboundMessageHandler Handler)? Accept(HandshakeInfo remote, EndPoint? remoteEndPoint)
    {
        var endpoint = remoteEndPoint?.ToString() ?? "unknown";
        if (!string.Equals(remote.ClusterId, _clusterId, StringComparison.Ordinal))
        {
            LogRefused(_logger, endpoint, remote.Role.ToString(), $"cluster id '{remote.ClusterId}' is not '{_clusterId}'");
            return null;
        }

        if (_router.LocalSilo is not { } local)
        {
            LogRefused(_logger, endpoint, remote.Role.ToString(), "this silo has not joined the cluster yet");
            return null;
        }

        switch (remote.Role)
        {
            case PeerRole.Silo:
                return (new HandshakeInfo(PeerRole.Silo, _clusterId, local.ToParsableString(), []), _silos);
            case PeerRole.Client when remote.SenderId.Length is > 0 and <= MaxClientIdLength:
                var handler = new ClientConnectionHandler(remote.SenderId, _center, _router, _logger);
                _accepted[remote.SenderId] = handler;
                return (new HandshakeInfo(PeerRole.Silo, _clusterId, local.ToParsableString(), _manifest.Value), handler);
            default:
                LogRefused(_logger, endpoint, remote.Role.ToString(), "the client id must be 1 to 200 characters");
                return null;
        }
    }

    public void OnConnected(MessageConnection connection)
    {
        if (connection.Remote.Role == PeerRole.Client && _accepted.TryRemove(connection.Remote.SenderId, out var handler))
        {
            _ = handler.AttachAsync(connection);
        }
    }

    [LoggerMessage(EventId = 1971, Level = LogLevel.Warning, Message = "Refused a {Role} connection from {EndPoint}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string endPoint, string role, string reason);
}
