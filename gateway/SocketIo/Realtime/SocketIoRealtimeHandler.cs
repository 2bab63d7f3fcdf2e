using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>
/// Document 001 over Socket.IO: authenticates each CONNECT with the gateway's JWT, binds a socket to its
/// user's stream only after <c>join(walletAddress)</c> with a wallet of that user, forwards <c>typing</c>, and
/// recovers a reconnecting socket from its pid and offset (see <see cref="RecoveryCodec"/>) on whichever
/// gateway it reaches. A joined socket is a <see cref="SocketIoSession"/>: the same ordered, resumable delivery,
/// bounded outbound queue, per-user cap, token expiry and drain as the raw endpoints.
/// <para>
/// Replies to the client's own events (acks, <c>join:error</c>, <c>realtime:error</c>) are written by the
/// handler; stream events and session notices by the session's one send loop. Both end in the socket's one
/// Engine.IO queue, written by one writer.
/// </para>
/// </summary>
internal sealed partial class SocketIoRealtimeHandler : ISocketIoHandler
{
    private const int MaxEchoedLength = 64;

    private readonly SessionServices _services;
    private readonly SessionRegistry _registry;
    private readonly Lazy<UserFeedHub> _hub;
    private readonly RecoveryCodec _recovery;
    private readonly ILogger _logger;

    public SocketIoRealtimeHandler(SessionServices services, SessionRegistry registry, IServiceProvider provider, IOptions<RealtimeAuthOptions> auth, ILogger<SocketIoRealtimeHandler> logger)
    {
        _services = services;
        _registry = registry;

        // Both resolved on first use: MapSocketIo builds the handler while the app is being built, before the
        // cluster client is up and before the auth options are validated (whose message must win).
        _hub = new Lazy<UserFeedHub>(provider.GetRequiredService<UserFeedHub>);
        _recovery = new RecoveryCodec(() => auth.Value.SigningKey);
        _logger = logger;
    }

    private UserFeedHub Hub => _hub.Value;

    public async ValueTask<SocketIoConnectResult> OnConnectAsync(SocketIoSocket socket, SocketIoConnectRequest request, CancellationToken cancellationToken)
    {
        if (TokenOf(request) is not { } token)
        {
            return Refuse(ApiErrorCodes.MissingToken, "A token is required: io(url, { auth: { token } }) or ?token=.");
        }

        var outcome = await _services.Tokens.ValidateAsync(token).ConfigureAwait(false);
        if (!outcome.IsValid || RealtimePrincipal.From(outcome.Principal!) is not { } caller)
        {
            LogRefused(_logger, socket.Id, outcome.ErrorCode ?? ApiErrorCodes.InvalidToken);
            return Refuse(outcome.ErrorCode ?? ApiErrorCodes.InvalidToken, outcome.Reason ?? "The token is not valid.");
        }

        var recovered = await TryRecoverAsync(socket, request, outcome, caller, cancellationToken).ConfigureAwait(false);
        if (recovered is not null)
        {
            return SocketIoConnectResult.Accept(recovered.Pid);
        }

        var state = new RealtimeSocketState(caller, outcome.Principal!, outcome.ExpiresAt, _recovery.NewPid(caller.UserId), NewLimiter());
        socket.Items[RealtimeSocketState.ItemKey] = state;
        LogConnected(_logger, socket.Id, caller.UserId, request.Pid is not null);
        return SocketIoConnectResult.Accept(state.Pid);
    }

    public async ValueTask OnEventAsync(SocketIoSocket socket, string eventName, IReadOnlyList<JsonElement> args, SocketIoAck? ack, CancellationToken cancellationToken)
    {
        if (RealtimeSocketState.Of(socket) is not { } state)
        {
            return;
        }

        if (!await AdmitAsync(socket, state, eventName, ack).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            switch (eventName)
            {
                case SocketIoRealtimeEvents.Join:
                    await JoinAsync(socket, state, args, ack, cancellationToken).ConfigureAwait(false);
                    break;
                case SocketIoRealtimeEvents.Typing:
                    await TypingAsync(socket, state, args, ack).ConfigureAwait(false);
                    break;
                default:
                    await ErrorAsync(socket, ack, eventName, GatewayErrorCodes.UnknownType,
                        $"The server handles the events join and typing, not '{Truncate(eventName)}'.").ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A grain that refused, is down or failed: the client gets a code, never the exception; the socket goes on.
            var (code, message) = ex switch
            {
                DomainException domain => (domain.ErrorCode, domain.Detail),
                SiloUnavailableException or TimeoutException => (GatewayErrorCodes.Unavailable, "The service is temporarily unavailable; retry shortly."),
                _ => (GatewayErrorCodes.InternalError, "The request failed on the server."),
            };
            if (ex is not DomainException)
            {
                LogEventFailed(_logger, ex, socket.Id, Truncate(eventName));
            }

            var join = eventName == SocketIoRealtimeEvents.Join;
            await ReplyErrorAsync(socket, ack, join ? SocketIoRealtimeEvents.JoinError : SocketIoRealtimeEvents.Error,
                new RealtimeErrorPayload(code, message, join ? null : Truncate(eventName))).ConfigureAwait(false);
        }
    }

    public ValueTask OnDisconnectAsync(SocketIoSocket socket, string reason)
    {
        // The session's lifetime task (Run) detaches it: it also covers a socket whose CONNECT reply never left.
        LogDisconnected(_logger, socket.Id, RealtimeSocketState.Of(socket)?.Session?.SessionId, reason);
        return ValueTask.CompletedTask;
    }

    /// <summary>The inbound rate limit, per socket: false when the event must not be handled.</summary>
    private async ValueTask<bool> AdmitAsync(SocketIoSocket socket, RealtimeSocketState state, string eventName, SocketIoAck? ack)
    {
        var options = _services.Options;
        switch (state.Limiter.Take())
        {
            case RateDecision.Close:
                // Continued abuse: a DISCONNECT, so socket.io-client does not reconnect by itself.
                _services.Metrics.RateLimited.Add(1);
                LogRateLimitClose(_logger, socket.Id);
                await socket.DisconnectAsync().ConfigureAwait(false);
                return false;
            case RateDecision.Refuse:
                _services.Metrics.RateLimited.Add(1);
                await ErrorAsync(socket, ack, eventName, GatewayErrorCodes.RateLimited,
                    $"Too many events: at most {options.InboundRatePerSecond} per second (bursts of {options.InboundBurst}).").ConfigureAwait(false);
                return false;
            case RateDecision.AcceptWithWarning:
                await socket.EmitAsync(SocketIoRealtimeEvents.RateLimitWarning, new[] { JsonSerializer.SerializeToElement(new RateLimitWarningData(state.Limiter.Remaining, state.Limiter.SecondsToFull, options.RateLimitWarningThreshold), EventJson.Options) }).ConfigureAwait(false);
                return true;
            default:
                return true;
        }
    }

    private InboundRateLimiter NewLimiter() => new(_services.Options, _services.Time);

    /// <summary>The CONNECT's <c>auth.token</c>, else the handshake's <c>?token=</c>, else its <c>Authorization: Bearer</c>.</summary>
    private static string? TokenOf(SocketIoConnectRequest request)
    {
        if (request.Auth is { ValueKind: JsonValueKind.Object } auth && auth.TryGetProperty("token", out var value)
            && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } fromAuth)
        {
            return fromAuth;
        }

        var query = request.Handshake.Query["token"];
        if (query.Count == 1 && query[0] is { Length: > 0 } fromQuery)
        {
            return fromQuery;
        }

        string? header = request.Handshake.Headers[HeaderNames.Authorization];
        const string Bearer = "Bearer ";
        return header is not null && header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && header[Bearer.Length..].Trim() is { Length: > 0 } fromHeader
            ? fromHeader
            : null;
    }

    private static SocketIoConnectResult Refuse(string code, string message) =>
        SocketIoConnectResult.Reject(message, JsonSerializer.SerializeToElement(new { error_code = code, message, retry = false }));

    private static ValueTask ErrorAsync(SocketIoSocket socket, SocketIoAck? ack, string eventName, string code, string message) =>
        ReplyErrorAsync(socket, ack, SocketIoRealtimeEvents.Error, new RealtimeErrorPayload(code, message, Truncate(eventName)));

    /// <summary>Emits <paramref name="eventName"/> with the error, and answers the client's ack with <c>{ok: false, …}</c> when it passed one.</summary>
    private static async ValueTask ReplyErrorAsync(SocketIoSocket socket, SocketIoAck? ack, string eventName, RealtimeErrorPayload error)
    {
        await socket.EmitAsync(eventName, new[] { JsonSerializer.SerializeToElement(error, EventJson.Options) }).ConfigureAwait(false);
        if (ack is not null)
        {
            await ack.SendAsync(new[] { JsonSerializer.SerializeToElement(new { ok = false, error_code = error.ErrorCode, message = error.Message }) }).ConfigureAwait(false);
        }
    }

    private static string Truncate(string value) => value.Length <= MaxEchoedLength ? value : value[..MaxEchoedLength] + "…";
}
