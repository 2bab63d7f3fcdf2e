using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.Server.Membership;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// This silo's outbound connections to other silos: one TCP connection per remote silo (address and generation),
/// opened on first use and dropped when it closes; the next call opens a new one. A silo the membership view shows
/// dead has its connection closed at once, which fails the calls in flight to it with
/// <see cref="Abstractions.Exceptions.SiloUnavailableException"/>. Calls to one silo are written in send order.
/// </summary>
internal sealed class SiloConnectionPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, RemoteSilo> _silos = new();
    private readonly IServiceProvider _services;
    private readonly IClusterMembership _membership;
    private readonly RealtimeSerializer _serializer;
    private readonly TransportOptions _transport;
    private readonly SiloOptions _silo;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private volatile bool _disposed;

    public SiloConnectionPool(IServiceProvider services, IClusterMembership membership, RealtimeSerializer serializer, IOptions<TransportOptions> transport, IOptions<SiloOptions> silo, TimeProvider time, ILoggerFactory loggers)
    {
        _services = services;
        _membership = membership;
        _serializer = serializer;
        _transport = transport.Value;
        _silo = silo.Value;
        _time = time;
        _loggers = loggers;
        membership.Changed += OnMembershipChanged;
    }

    public int ConnectionCount => _silos.Count;

    public void Send(SiloAddress silo, Message message)
    {
        if (_disposed)
        {
            message.Response?.Fail(new Abstractions.Exceptions.SiloUnavailableException($"The silo is stopping; {message} was not sent to {silo}."));
            return;
        }

        _silos.GetOrAdd(silo, static (s, pool) => new RemoteSilo(s, pool), this).Send(message);
    }

    /// <summary>Closes the connection to <paramref name="silo"/>, failing its calls in flight.</summary>
    public ValueTask CloseAsync(SiloAddress silo) =>
        _silos.TryRemove(silo, out var remote) ? remote.DisposeAsync() : ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _membership.Changed -= OnMembershipChanged;
        foreach (var silo in _silos.Keys)
        {
            await CloseAsync(silo);
        }
    }

    internal void Forget(RemoteSilo remote) => _silos.TryRemove(KeyValuePair.Create(remote.Silo, remote));

    internal Task<MessageConnection> ConnectAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        var local = _membership.LocalSilo ?? throw new Abstractions.Exceptions.SiloUnavailableException("The silo has not joined the cluster yet.");
        var hello = new HandshakeInfo(PeerRole.Silo, _silo.ClusterId, local.ToParsableString(), []);
        return MessageConnector.ConnectAsync(silo.Endpoint, hello, _serializer, _services.GetRequiredService<SiloInboundHandler>(), _transport, _time, _loggers, cancellationToken);
    }

    internal TimeProvider Time => _time;

    internal TransportOptions Transport => _transport;

    private void OnMembershipChanged(ClusterMembershipSnapshot snapshot)
    {
        foreach (var silo in _silos.Keys)
        {
            if (snapshot.GetStatus(silo) == Abstractions.Membership.SiloStatus.Dead)
            {
                _ = CloseAsync(silo).AsTask();
            }
        }
    }
}
