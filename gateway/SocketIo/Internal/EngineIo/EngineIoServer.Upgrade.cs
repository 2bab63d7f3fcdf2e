using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

internal sealed partial class EngineIoServer
{
    private const int ProbeFrameLimit = 64;

    private static readonly byte[] ProbePong = EngineIoCodec.Encode(EngineIoPacketType.Pong, "probe");

    /// <summary>
    /// The polling to WebSocket upgrade: the client sends <c>2probe</c>, gets <c>3probe</c>, pauses polling
    /// (the waiting GET answers with a noop), then sends <c>5</c>; from then on the session runs on the
    /// WebSocket and old-transport requests get 400. Anything else, or no upgrade within UpgradeTimeout,
    /// closes this WebSocket and leaves the session on polling.
    /// </summary>
    private async Task UpgradeAsync(HttpContext context, EngineIoSession session)
    {
        if (!session.TryBeginUpgrade())
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest).ConfigureAwait(false);
            return;
        }

        WebSocket? socket = null;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.UpgradeTimeout), _time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, session.Aborted, context.RequestAborted);

            if (await ReceiveSmallTextAsync(socket, wait.Token).ConfigureAwait(false) != "2probe")
            {
                throw new InvalidDataException("expected the probe ping");
            }

            // This handler is the WebSocket's only writer until the session's send loop starts on it.
            await socket.SendAsync(ProbePong, WebSocketMessageType.Text, endOfMessage: true, wait.Token).ConfigureAwait(false);
            session.PausePolling();
            if (await ReceiveSmallTextAsync(socket, wait.Token).ConfigureAwait(false) != "5")
            {
                throw new InvalidDataException("expected the upgrade packet");
            }
        }
        catch (Exception e) when (e is InvalidDataException or OperationCanceledException or WebSocketException)
        {
            SocketIoLog.UpgradeFailed(_logger, session.Id, e.Message);
            session.AbortUpgrade();
            socket?.Abort();
            socket?.Dispose();
            return;
        }

        SocketIoLog.Upgraded(_logger, session.Id);
        await session.RunWebSocketAsync(socket).ConfigureAwait(false);
    }

    /// <summary>One short text message, or null for anything else (binary, too long, a close).</summary>
    private static async Task<string?> ReceiveSmallTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[ProbeFrameLimit];
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (result.MessageType != WebSocketMessageType.Text)
            {
                return null;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, count);
            }

            if (count == buffer.Length)
            {
                return null;
            }
        }
    }
}
