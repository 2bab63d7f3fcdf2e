using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.WebSockets.KeepAlive;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>
/// Runs one raw WebSocket from handshake to close: refuses bad handshakes before the upgrade, attaches the
/// session to its user feed, sends the first message, starts delivery (fresh, or resumed from
/// <c>?last_seq=&amp;epoch=</c> or a first <c>resume</c> message), then reads client messages one at a time,
/// enforcing the size and rate limits, until the socket ends. Whatever ends it, the session is detached
/// and its presence removed.
/// </summary>
internal sealed partial class WebSocketRunner(SessionServices services, SessionRegistry registry, UserFeedHub hub, KeepAliveSweep keepAlive, ILogger<WebSocketRunner> logger)
{
    private const int InitialBufferBytes = 4096;
    private static readonly TimeSpan CloseHandshakeWait = TimeSpan.FromSeconds(2);

    public async Task RunAsync(HttpContext context, string streamUserId, SocketChannel channel)
    {
        var options = services.Options;
        if (await WebSocketHandshake.RefuseAsync(context, options).ConfigureAwait(false))
        {
            return;
        }

        WebSocketHandshake.TryReadResume(context.Request, out var resume);

        // With UseRealtimeGateway's upgrade stand-in the gateway's sweep pings this socket; without it (a host that
        // maps the endpoints on its own pipeline) .NET's per-socket keep-alive does, with the same settings.
        var upgrade = context.Features.Get<IHttpUpgradeFeature>() as KeepAliveUpgradeFeature;
        upgrade?.WrapStream = true;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = WebSocketHandshake.Subprotocol(context),
            KeepAliveInterval = upgrade is null ? options.KeepAliveInterval : TimeSpan.Zero,
            KeepAliveTimeout = upgrade is null ? options.KeepAliveTimeout : Timeout.InfiniteTimeSpan,
        }).ConfigureAwait(false);

        // A resuming client may hand back its old session_id, so events its old session caused stay excluded.
        var previous = context.Request.Query["session_id"].ToString();
        var reuse = resume is not null && GatewaySession.IsSessionId(previous) && !registry.ContainsId(previous) ? previous : null;
        var session = new WebSocketSession(services, streamUserId, context.User, ExpiryOf(context), channel, socket, reuse)
        {
            Device = WebSocketHandshake.Device(context.Request),
        };

        // The request lives as long as the socket: let it hold the slim principal, not the validated token.
        context.User = session.Principal;
        using var pings = upgrade?.Stream is { } stream ? keepAlive.Register(stream, socket, session.SessionId) : default;

        if (!registry.TryAdd(session))
        {
            if (registry.IsDraining)
            {
                session.Drain();
            }
            else
            {
                session.RequestClose(GatewayCloseCodes.TooManyConnections, "too_many_connections: do not retry");
            }

            await session.RunSendLoopAsync().ConfigureAwait(false);
            await AwaitPeerCloseAsync(socket).ConfigureAwait(false);
            session.MarkCompleted();
            return;
        }

        LogConnected(logger, session.SessionId, session.UserId, channel.Protocol);
        Task sendLoop = Task.CompletedTask;
        var sending = false;
        try
        {
            await hub.AttachAsync(session, context.RequestAborted).ConfigureAwait(false);
            var position = await session.Stream!.GetPositionAsync().ConfigureAwait(false);
            session.SendControl(channel.FirstMessage(session, position));
            sendLoop = session.RunSendLoopAsync();
            sending = true;
            session.WatchTokenExpiry();
            ITimer? window = null;
            if (resume is { } from)
            {
                await session.ResumeAsync(from).ConfigureAwait(false);
            }
            else if (options.ResumeWindow <= TimeSpan.Zero)
            {
                session.GoLive(position);
            }
            else
            {
                window = services.Time.CreateTimer(_ =>
                {
                    session.GoLive(position);

                    // One-shot: let go of it once it fired, or every socket holds its timer, callback and closure for life.
                    Interlocked.Exchange(ref window, null)?.Dispose();
                }, null, options.ResumeWindow, Timeout.InfiniteTimeSpan);
            }

            // Once our close is sent, the peer has CloseHandshakeWait to answer it; a peer that never does
            // (or never reads) must not keep the socket, and a draining gateway, waiting. Aborting the socket ends
            // the receive loop, as a dropped connection does by itself, so the reads take no cancellation token: a
            // linked source and a registration per pending read cost every idle socket about 300 bytes.
            _ = sendLoop.ContinueWith(_ => AbortAfterAsync(socket, CloseHandshakeWait, services.Time), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                await ReceiveLoopAsync(session, socket, channel, position).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Exchange(ref window, null)?.Dispose();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSessionFailed(logger, ex, session.SessionId, session.UserId);
            session.RequestClose(GatewayCloseCodes.InternalError, "unavailable: reconnect and resume");
            if (!sending)
            {
                sendLoop = session.RunSendLoopAsync();
            }
        }
        finally
        {
            session.RequestClose(GatewayCloseCodes.Normal, "closed");
            await sendLoop.WaitAsync(CloseHandshakeWait + options.DrainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            registry.Remove(session);
            await hub.DetachAsync(session).ConfigureAwait(false);
            session.MarkCompleted();
            LogDisconnected(logger, session.SessionId, session.UserId, session.CloseCode);
        }
    }

    private async Task ReceiveLoopAsync(WebSocketSession session, WebSocket socket, SocketChannel channel, OrleansRealtime.Abstractions.Streams.StreamSequenceToken position)
    {
        var options = services.Options;
        var limiter = new InboundRateLimiter(options, services.Time);
        byte[]? buffer = null;
        var count = 0;
        var first = true;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    if (buffer is null)
                    {
                        // An idle socket holds no buffer: wait for the next frame with a zero-byte read, and rent
                        // one only when it arrives (a 4 KiB buffer per idle socket was most of its memory).
                        result = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            return;
                        }

                        buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
                        if (!result.EndOfMessage)
                        {
                            result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                    else
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                count += result.Count;
                if (count > options.MaxInboundMessageBytes)
                {
                    session.RequestClose(GatewayCloseCodes.MessageTooBig, $"message_too_big: at most {options.MaxInboundMessageBytes} bytes");
                    return;
                }

                if (!result.EndOfMessage)
                {
                    if (count == buffer.Length)
                    {
                        buffer = Grow(buffer, count, options.MaxInboundMessageBytes + 1);
                    }

                    continue;
                }

                var frame = buffer.AsMemory(0, count);
                count = 0;
                FrameOutcome outcome;
                try
                {
                    outcome = await HandleFrameAsync(session, channel, limiter, result.MessageType, frame, first, position).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }

                if (outcome == FrameOutcome.Stop)
                {
                    return;
                }

                first &= outcome != FrameOutcome.Handled;
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private enum FrameOutcome
    {
        /// <summary>Refused before parsing (rate limit, binary, malformed): not the socket's first message.</summary>
        Refused,

        Handled,

        /// <summary>The socket is closing: stop reading.</summary>
        Stop,
    }

    /// <summary>Applies the rate limit to one complete frame and hands it to the channel.</summary>
    private async Task<FrameOutcome> HandleFrameAsync(WebSocketSession session, SocketChannel channel, InboundRateLimiter limiter, WebSocketMessageType type, ReadOnlyMemory<byte> frame, bool first, OrleansRealtime.Abstractions.Streams.StreamSequenceToken position)
    {
        var options = services.Options;
        switch (limiter.Take())
        {
            case RateDecision.Close:
                services.Metrics.RateLimited.Add(1);
                session.RequestClose(GatewayCloseCodes.PolicyViolation, "rate_limited: too many messages");
                return FrameOutcome.Stop;
            case RateDecision.Refuse:
                services.Metrics.RateLimited.Add(1);
                session.SendControl(new ErrorData(GatewayErrorCodes.RateLimited, $"Too many messages: at most {options.InboundRatePerSecond} per second (bursts of {options.InboundBurst}).", null));
                return FrameOutcome.Refused;
            case RateDecision.AcceptWithWarning:
                session.SendControl(new RateLimitWarningData(limiter.Remaining, limiter.SecondsToFull, options.RateLimitWarningThreshold));
                break;
        }

        if (type == WebSocketMessageType.Binary)
        {
            session.SendControl(new ErrorData(GatewayErrorCodes.UnsupportedFrame, "Binary frames are not supported: send JSON text frames.", null));
            return FrameOutcome.Refused;
        }

        if (!InboundMessage.TryParse(frame, out var message, out var code, out var reason, out var id))
        {
            session.SendControl(new ErrorData(code, reason, id), id);
            return FrameOutcome.Refused;
        }

        if (first && message!.Type != "resume")
        {
            // Only a first resume may rewind; anything else starts live delivery now.
            session.GoLive(position);
        }

        await channel.HandleAsync(session, message!).ConfigureAwait(false);
        return FrameOutcome.Handled;
    }

    private static async Task AbortAfterAsync(WebSocket socket, TimeSpan delay, TimeProvider time)
    {
        await Task.Delay(delay, time).ConfigureAwait(false);

        // Nothing left to do when the peer answered in time: the socket is closed (or disposed) by then.
        if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            socket.Abort();
        }
    }

    private static byte[] Grow(byte[] buffer, int used, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    /// <summary>After our close, reads briefly for the peer's close so the handshake completes cleanly.</summary>
    private static async Task AwaitPeerCloseAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(CloseHandshakeWait);
        var scratch = new byte[256];
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                await socket.ReceiveAsync(scratch.AsMemory(), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            socket.Abort();
        }
    }

    /// <summary>The token's <c>exp</c>: the validator requires one, and the identity carries it as a claim.</summary>
    private static DateTimeOffset? ExpiryOf(HttpContext context) =>
        long.TryParse(context.User.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "Session {SessionId} of {UserId} connected ({Protocol})")]
    private static partial void LogConnected(ILogger logger, string sessionId, string userId, string protocol);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Debug, Message = "Session {SessionId} of {UserId} closed (code {CloseCode})")]
    private static partial void LogDisconnected(ILogger logger, string sessionId, string userId, int closeCode);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Session {SessionId} of {UserId} failed")]
    private static partial void LogSessionFailed(ILogger logger, Exception exception, string sessionId, string userId);
}
