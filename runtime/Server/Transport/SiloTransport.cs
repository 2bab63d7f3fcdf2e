using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.Server.Messaging;

namespace OrleansRealtime.Server.Transport;

/// <summary>
/// The clustered silo's network side: the listener on the silo port (other silos) and the gateway port (clients), and
/// the outbound connection pool. The listener binds before the silo joins the membership table, so the row carries
/// the ports actually bound (port 0 in tests binds an ephemeral one). It listens on the advertised address, or on
/// every address when <see cref="EndpointOptions.ListenOnAnyHostAddress"/> is set (containers).
/// </summary>
internal sealed class SiloTransport(
    ClusterConnectionAcceptor acceptor,
    SiloConnectionPool pool,
    RealtimeSerializer serializer,
    IOptions<TransportOptions> transport,
    IOptions<EndpointOptions> endpoints,
    TimeProvider time,
    ILoggerFactory loggers) : IAsyncDisposable
{
    private TransportListener? _listener;

    public TransportListener? Listener => _listener;

    /// <summary>Binds; returns the address to advertise with the bound ports.</summary>
    public async Task<(IPAddress Address, int SiloPort, int GatewayPort)> StartAsync(IPAddress advertised, CancellationToken cancellationToken)
    {
        var options = endpoints.Value;
        var listenOn = options.ListenOnAnyHostAddress ? IPAddress.Any : advertised;
        var listener = new TransportListener(listenOn, options.SiloPort, options.GatewayPort, acceptor, serializer, transport.Value, time, loggers);
        await listener.StartAsync(cancellationToken);
        _listener = listener;
        return (advertised, listener.SiloEndPoint.Port, listener.GatewayEndPoint?.Port ?? 0);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is { } listener)
        {
            await listener.StopAsync(cancellationToken);
        }

        await pool.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is { } listener)
        {
            await listener.DisposeAsync();
        }

        await pool.DisposeAsync();
    }
}
