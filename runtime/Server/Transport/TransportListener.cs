using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Client.Transport.Internal;
using OrleansRealtime.Server.Transport.Internal;

namespace OrleansRealtime.Server.Transport;

/// <summary>
/// The server side of the transport: a private Kestrel server (its own instance, independent of any web host in
/// the process, so it runs in a plain generic host and beside an app's own Kestrel) with a connection handler on
/// the silo port (accepts <see cref="PeerRole.Silo"/> hellos) and, optionally, the gateway port (accepts
/// <see cref="PeerRole.Client"/> hellos). A hello of the wrong role, a malformed first frame, or no hello within
/// <see cref="TransportOptions.HandshakeTimeout"/> gets a Refused frame and the connection closes; the listener
/// keeps accepting others.
/// </summary>
public sealed partial class TransportListener : IAsyncDisposable
{
    /// <summary>Pass as the gateway port to bind an ephemeral one (tests, development); 0 means "no gateway".</summary>
    public const int EphemeralGatewayPort = -1;

    private readonly IPAddress _listenAddress;
    private readonly int _siloPort;
    private readonly int _gatewayPort;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<MessageConnection, byte> _connections = new();
    private KestrelServer? _server;
    private ListenOptions? _siloListen;
    private ListenOptions? _gatewayListen;
    private volatile bool _stopping;

    /// <param name="listenAddress">The address to bind (for example <see cref="IPAddress.Any"/>, or loopback in tests).</param>
    /// <param name="siloPort">The silo-to-silo port (Orleans' default 11111); 0 binds an ephemeral port.</param>
    /// <param name="gatewayPort">The client port (Orleans' default 30000); 0 for none, <see cref="EphemeralGatewayPort"/> for an ephemeral one.</param>
    /// <param name="acceptor">Decides about each connection and supplies its handler.</param>
    /// <param name="serializer">Reads request arguments and writes results of every connection.</param>
    /// <param name="options">Frame size, timeouts, keep-alive; validated here.</param>
    /// <param name="time">Drives handshake timeouts, keep-alive and idle checks.</param>
    /// <param name="loggers">Logs of the listener and its connections.</param>
    public TransportListener(
        IPAddress listenAddress,
        int siloPort,
        int gatewayPort,
        IConnectionAcceptor acceptor,
        RealtimeSerializer serializer,
        TransportOptions options,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(listenAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(siloPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(gatewayPort, EphemeralGatewayPort);
        if (options.Validate() is { } invalid)
        {
            throw new ArgumentException($"Invalid {TransportOptions.SectionName}: {invalid}", nameof(options));
        }

        _listenAddress = listenAddress;
        _siloPort = siloPort;
        _gatewayPort = gatewayPort;
        Acceptor = acceptor;
        Serializer = serializer;
        Options = options;
        Time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<TransportListener>();
        ConnectionLogger = loggers.CreateLogger<MessageConnection>();
    }

    /// <summary>The bound silo endpoint (the real port when 0 was asked for); valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint SiloEndPoint => _siloListen?.IPEndPoint ?? throw new InvalidOperationException("The listener has not started.");

    /// <summary>The bound gateway endpoint, or null when this silo is no gateway; valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint? GatewayEndPoint => _gatewayListen?.IPEndPoint;

    /// <summary>The live inbound connections (a snapshot).</summary>
    public IReadOnlyCollection<MessageConnection> Connections => [.. _connections.Keys.Where(c => c.IsConnected)];

    internal IConnectionAcceptor Acceptor { get; }

    internal RealtimeSerializer Serializer { get; }

    internal TransportOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger ConnectionLogger { get; }

    internal bool IsStopping => _stopping;

    /// <summary>Binds the ports and starts accepting. Throws (for example <see cref="IOException"/>) when a port is taken.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The listener was already started.");
        }

        long readLimit = ClientSocketFactories.ReadBufferLimit(Options);
        var kestrel = new KestrelServerOptions
        {
            AddServerHeader = false,
            ApplicationServices = new ServiceCollection().AddSingleton(_loggers).BuildServiceProvider(),
        };
        kestrel.Limits.MaxRequestBufferSize = readLimit;
        kestrel.Listen(_listenAddress, _siloPort, listen => _siloListen = Handle(listen, PeerRole.Silo, "silo"));
        if (_gatewayPort != 0)
        {
            kestrel.Listen(_listenAddress, Math.Max(_gatewayPort, 0), listen => _gatewayListen = Handle(listen, PeerRole.Client, "gateway"));
        }

        var sockets = new SocketTransportFactory(
            Microsoft.Extensions.Options.Options.Create(new SocketTransportOptions { NoDelay = true, MaxReadBufferSize = readLimit, UnsafePreferInlineScheduling = Options.InlineSocketScheduling }),
            _loggers);
        _server = new KestrelServer(Microsoft.Extensions.Options.Options.Create(kestrel), sockets, _loggers);
        await _server.StartAsync(new NoHttpApplication(), ct);
        Log.Listening(_logger, SiloEndPoint, GatewayEndPoint);
    }

    /// <summary>
    /// Refuses new connections, closes every open one (their pending calls, in both directions, fail with
    /// <c>SiloUnavailableException</c>) and stops Kestrel.
    /// </summary>
    public async Task StopAsync(CancellationToken ct)
    {
        _stopping = true;
        if (_server is null)
        {
            return;
        }

        var open = _connections.Keys.ToArray();
        foreach (var connection in open)
        {
            connection.Close("the listener stopped", null);
        }

        await Task.WhenAll(open.Select(c => c.Completion)).WaitAsync(ct);
        await _server.StopAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Kestrel aborts what is left when its stop is cancelled.
        }

        _server?.Dispose();
    }

    internal void Track(MessageConnection connection) => _connections.TryAdd(connection, 0);

    internal void Untrack(MessageConnection connection) => _connections.TryRemove(connection, out _);

    private ListenOptions Handle(ListenOptions listen, PeerRole role, string portName)
    {
        listen.Protocols = HttpProtocols.Http1;
        var handler = new TransportConnectionHandler(this, role, portName, _logger);
        listen.Run(handler.OnConnectedAsync);
        return listen;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2651, Level = LogLevel.Information, Message = "Transport listening: silo port {SiloEndPoint}, gateway port {GatewayEndPoint}")]
        public static partial void Listening(ILogger logger, IPEndPoint siloEndPoint, IPEndPoint? gatewayEndPoint);
    }
}
