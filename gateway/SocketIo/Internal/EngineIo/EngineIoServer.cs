using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.SocketIo.Internal.Protocol;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>
/// The Engine.IO v4 endpoint: checks each request (transport, EIO version, sid) with the reference server's
/// error codes, opens sessions (at most <see cref="SocketIoOptions.MaxSessions"/>), and routes polling GETs,
/// POSTs and WebSockets to them. Every session is removed from the table when it is torn down.
/// </summary>
internal sealed partial class EngineIoServer
{
    private readonly ConcurrentDictionary<string, EngineIoSession> _sessions = new(StringComparer.Ordinal);
    private readonly SocketIoOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EngineIoServer> _logger;
    private readonly ISocketIoHandler _handler;
    private readonly JsonSerializerOptions _json;
    private int _open;

    public EngineIoServer(
        IOptions<SocketIoOptions> options,
        TimeProvider time,
        ILogger<EngineIoServer> logger,
        ISocketIoHandler handler,
        IOptions<HttpJsonOptions> json,
        IHostApplicationLifetime lifetime)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _handler = handler;
        _json = json.Value.SerializerOptions;

        // Long polls would otherwise hold the host's shutdown until their next ping; a close packet ends them now.
        lifetime.ApplicationStopping.Register(() => CloseAll(SocketIoDisconnectReasons.ServerShuttingDown));
    }

    /// <summary>Sessions open now (for tests and metrics).</summary>
    public int OpenSessions => Volatile.Read(ref _open);

    /// <summary>Completes when session <paramref name="sid"/> is torn down (at once when there is none).</summary>
    internal Task PollInProgress(string sid) => _sessions.TryGetValue(sid, out var session) ? session.PollInProgress() : Task.CompletedTask;

    internal Task SessionClosed(string sid) => _sessions.TryGetValue(sid, out var session) ? session.Closed : Task.CompletedTask;

    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? transport = query["transport"];
        if (transport is not (EngineIoTransports.Polling or EngineIoTransports.WebSocket))
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.UnknownTransport).ConfigureAwait(false);
            return;
        }

        if (query["EIO"] != "4")
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.UnsupportedProtocolVersion).ConfigureAwait(false);
            return;
        }

        string? sid = query["sid"];
        EngineIoSession? session = null;
        // A session closing gracefully still answers polls: they carry its last packets and the close packet.
        if (sid is not null && (!_sessions.TryGetValue(sid, out session) || session.Closed.IsCompleted))
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.UnknownSid).ConfigureAwait(false);
            return;
        }

        if (context.WebSockets.IsWebSocketRequest)
        {
            await (transport != EngineIoTransports.WebSocket
                ? EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest)
                : session is null ? OpenWebSocketAsync(context) : UpgradeAsync(context, session)).ConfigureAwait(false);
            return;
        }

        if (transport == EngineIoTransports.WebSocket)
        {
            // A websocket transport without a WebSocket handshake.
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest).ConfigureAwait(false);
            return;
        }

        if (session is null)
        {
            await (HttpMethods.IsGet(context.Request.Method)
                ? OpenPollingAsync(context)
                : EngineIoErrors.WriteAsync(context, EngineIoErrors.BadHandshakeMethod)).ConfigureAwait(false);
            return;
        }

        if (session.Transport != EngineIoTransports.Polling)
        {
            // Requests of the old transport after an upgrade.
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest).ConfigureAwait(false);
            return;
        }

        await (HttpMethods.IsGet(context.Request.Method) ? session.PollAsync(context)
            : HttpMethods.IsPost(context.Request.Method) ? session.PostAsync(context)
            : EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest)).ConfigureAwait(false);
    }

    private async Task OpenPollingAsync(HttpContext context)
    {
        var session = TryOpen(context, EngineIoTransports.Polling);
        if (session is null)
        {
            await RefuseAtCapacityAsync(context).ConfigureAwait(false);
            return;
        }

        var open = EncodeOpen(session.Id, [EngineIoTransports.WebSocket]);
        context.Response.ContentType = "text/plain; charset=UTF-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = open.Length;
        await context.Response.Body.WriteAsync(open, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task OpenWebSocketAsync(HttpContext context)
    {
        var session = TryOpen(context, EngineIoTransports.WebSocket);
        if (session is null)
        {
            await RefuseAtCapacityAsync(context).ConfigureAwait(false);
            return;
        }

        // First in the queue, so the send loop writes it before anything else.
        await session.SendAsync(EncodeOpen(session.Id, [])).ConfigureAwait(false);
        System.Net.WebSockets.WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        }
        catch
        {
            session.Close(SocketIoDisconnectReasons.TransportError, graceful: false);
            throw;
        }

        await session.RunWebSocketAsync(socket).ConfigureAwait(false);
    }

    private EngineIoSession? TryOpen(HttpContext context, string transport)
    {
        if (Interlocked.Increment(ref _open) > _options.MaxSessions)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }

        var id = NewId();
        var session = new EngineIoSession(id, transport, SocketIoHandshake.From(context, transport), _options, _time, _logger);
        var connection = new SocketIoConnection(session, _handler, _options, _json, _time, _logger);
        session.Attach(connection);
        _sessions[id] = session;
        // Runs inside the teardown, before Closed completes: whoever awaits Closed sees the sid freed.
        session.Aborted.Register(() =>
        {
            _sessions.TryRemove(id, out var _);
            Interlocked.Decrement(ref _open);
            SocketIoLog.SessionFreed(_logger, id);
        });
        session.Start();
        connection.Start();
        SocketIoLog.SessionOpened(_logger, id, transport);
        return session;
    }

    private Task RefuseAtCapacityAsync(HttpContext context)
    {
        SocketIoLog.SessionLimitReached(_logger, _options.MaxSessions);
        return EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest, StatusCodes.Status503ServiceUnavailable, "Session limit reached");
    }

    private byte[] EncodeOpen(string sid, IReadOnlyList<string> upgrades)
    {
        var data = new EngineIoHandshakeData(sid, upgrades, _options.PingInterval, _options.PingTimeout, _options.MaxPayload);
        return EngineIoCodec.Encode(EngineIoPacketType.Open, JsonSerializer.Serialize(data, EngineIoJsonContext.Default.EngineIoHandshakeData));
    }

    private void CloseAll(string reason)
    {
        foreach (var session in _sessions.Values)
        {
            session.Close(reason, graceful: true);
        }
    }

    /// <summary>120 random bits in 20 URL-safe characters, the reference server's sid shape.</summary>
    internal static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}
