using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Runtime;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Client.Hosting;

/// <summary>
/// A client's connection to a cluster over TCP: one connection at a time to one gateway silo, picked at random from
/// the <see cref="IGatewayListProvider"/>. When it drops, the client reconnects on its own (backoff from
/// <see cref="ClusterClientOptions.ReconnectDelay"/> to <see cref="ClusterClientOptions.MaxReconnectDelay"/>), to
/// another gateway when there is one, and raises <see cref="Reconnected"/>, on which the <see cref="ClusterClient"/>
/// renews (and if needed re-registers) every stream subscription; observers need nothing, because the gateway the
/// client attaches to registers itself as their host.
/// </summary>
/// <remarks>
/// Guarantees: calls sent while connected go out on that connection in send order; calls in flight when it drops fail
/// at once with <see cref="SiloUnavailableException"/> (never retried: they may have run); calls sent while
/// disconnected fail at once the same way. Calls to the client's observers arrive on the current connection.
/// </remarks>
public sealed partial class TcpClusterConnection : IClusterConnection, IInboundMessageHandler, IAsyncDisposable
{
    private readonly IGatewayListProvider _gateways;
    private readonly ClusterClientOptions _options;
    private readonly TransportOptions _transport;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly DelegatingTypeResolver _resolver = new();
    private readonly OutboundSink _outbound;
    private Func<RealtimeSerializer>? _serializer;
    private IMessageSink? _inbound;
    private string? _clientId;
    private volatile MessageConnection? _connection;
    private IPEndPoint? _lastGateway;
    private Task? _reconnecting;

    public TcpClusterConnection(IGatewayListProvider gateways, ClusterClientOptions options, TransportOptions transport, TimeProvider time, ILoggerFactory loggers)
    {
        _gateways = gateways;
        _options = options;
        _transport = transport;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<TcpClusterConnection>();
        _outbound = new OutboundSink(this);
    }

    public IMessageSink Outbound => _outbound;

    public IGrainTypeResolver TypeResolver => _resolver;

    /// <summary>True while a connection to a gateway is up.</summary>
    public bool IsConnected => _connection is { IsConnected: true };

    /// <summary>The gateway silo of the current connection (its <c>address:port@generation</c>), or null.</summary>
    public string? GatewaySilo { get; private set; }

    public event Action? Reconnected;

    /// <summary>Binds the client runtime's serializer (grain references in arguments bind to that runtime).</summary>
    internal void Bind(Func<RealtimeSerializer> serializer) => _serializer = serializer;

    public void Attach(string clientId, IMessageSink inbound)
    {
        if (_clientId is not null && _clientId != clientId)
        {
            throw new InvalidOperationException("A TCP cluster connection serves one client.");
        }

        _clientId = clientId;
        _inbound = inbound;
    }

    public void Detach(string clientId) => _inbound = null;

    /// <summary>Connects for the first time, retrying until <see cref="ClusterClientOptions.InitialConnectTimeout"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.InitialConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken, _disposed.Token);
        try
        {
            await ConnectWithRetriesAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SiloUnavailableException($"No gateway of cluster '{_options.ClusterId}' accepted a connection within Realtime:Client:InitialConnectTimeout ({_options.InitialConnectTimeout}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        if (_reconnecting is { } reconnecting)
        {
            await reconnecting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    void IInboundMessageHandler.OnRequest(MessageConnection connection, Message message)
    {
        if (_inbound is { } inbound)
        {
            inbound.Send(message);
        }
        else
        {
            message.Response?.Fail(new ClientNotAvailableException($"The client is detached; {message} was not delivered."));
        }
    }

    void IInboundMessageHandler.OnClosed(MessageConnection connection, Exception? error)
    {
        if (!ReferenceEquals(_connection, connection) || _disposed.IsCancellationRequested)
        {
            return;
        }

        _connection = null;
        GatewaySilo = null;
        LogDisconnected(_logger, error, connection.RemoteEndPoint?.ToString() ?? "?");
        _reconnecting = ReconnectAsync();
    }

    private async Task ReconnectAsync()
    {
        try
        {
            await ConnectWithRetriesAsync(_disposed.Token);
            Reconnected?.Invoke();
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
    }

    private async Task ConnectWithRetriesAsync(CancellationToken cancellationToken)
    {
        var delay = _options.ReconnectDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TryConnectOnceAsync(cancellationToken))
            {
                return;
            }

            await Task.Delay(delay, _time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    private async Task<bool> TryConnectOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IPEndPoint> gateways;
        try
        {
            gateways = await _gateways.GetGatewaysAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogGatewayListFailed(_logger, ex);
            return false;
        }

        if (gateways.Count == 0)
        {
            LogNoGateway(_logger, _options.ClusterId);
            return false;
        }

        // Prefer a gateway other than the one just lost, when there is a choice.
        var candidates = gateways.Count > 1 && _lastGateway is { } last ? [.. gateways.Where(g => !g.Equals(last))] : gateways;
        var gateway = candidates[Random.Shared.Next(candidates.Count)];
        try
        {
            var serializer = _serializer?.Invoke() ?? throw new InvalidOperationException("The connection is not bound to a client.");
            var hello = new HandshakeInfo(PeerRole.Client, _options.ClusterId, _clientId ?? throw new InvalidOperationException("No client is attached."), []);
            var connection = await MessageConnector.ConnectAsync(gateway, hello, serializer, this, _transport, _time, _loggers, cancellationToken);
            var manifest = JsonSerializer.Deserialize<ClusterManifest>(connection.Remote.Payload)
                ?? throw new RealtimeException($"Gateway {gateway} sent no cluster manifest.");
            _resolver.Current = new ManifestTypeResolver(manifest);
            _lastGateway = gateway;
            GatewaySilo = manifest.Silo;
            _connection = connection;
            if (!connection.IsConnected)
            {
                // Closed between the handshake and now: OnClosed saw another connection and did nothing.
                _connection = null;
                return false;
            }

            LogConnected(_logger, gateway.ToString(), manifest.Silo);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogConnectFailed(_logger, ex, gateway.ToString());
            _lastGateway = gateway;
            return false;
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Connected to gateway {Gateway} (silo {Silo})")]
    private static partial void LogConnected(ILogger logger, string gateway, string silo);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Lost the connection to gateway {Gateway}; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, Exception? exception, string gateway);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Could not connect to gateway {Gateway}; will retry")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string gateway);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Could not read the gateway list; will retry")]
    private static partial void LogGatewayListFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "No active gateway in cluster {ClusterId}; will retry")]
    private static partial void LogNoGateway(ILogger logger, string clusterId);

    /// <summary>Every message goes to a <see cref="MessageConnection"/>, which serializes it in <see cref="Send"/>, or fails.</summary>
    private sealed class OutboundSink(TcpClusterConnection owner) : IWireMessageSink
    {
        public bool SerializesArguments(GrainId target) => true;

        public void Send(Message message)
        {
            if (owner._connection is { IsConnected: true } connection)
            {
                connection.Send(message);
            }
            else
            {
                message.Response?.Fail(new SiloUnavailableException($"The client is not connected to cluster '{owner._options.ClusterId}' (reconnecting); {message} was not sent."));
            }
        }
    }

    /// <summary>The manifest of the gateway connected last; before the first connection every lookup fails.</summary>
    private sealed class DelegatingTypeResolver : IGrainTypeResolver
    {
        public volatile IGrainTypeResolver? Current;

        public string ResolveGrainType(Type interfaceType, string? grainClassNamePrefix) =>
            (Current ?? throw new SiloUnavailableException("The client has not connected to the cluster yet."))
                .ResolveGrainType(interfaceType, grainClassNamePrefix);
    }
}
