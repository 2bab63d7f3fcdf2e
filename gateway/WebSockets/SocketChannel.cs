using System.Text.Json;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>
/// What one raw endpoint does over the shared session machinery: its first message, which events it
/// delivers, and the client messages it accepts. Every channel answers <c>ping</c>, <c>refresh_token</c> and
/// <c>resume</c>; anything it does not know gets <c>error</c> <c>unknown_type</c> and the socket stays open.
/// Client messages of one socket are handled one at a time, in arrival order.
/// </summary>
internal abstract class SocketChannel
{
    /// <summary>The protocol name presence reports (<c>ws</c>, <c>notifications</c>, <c>chat</c>).</summary>
    public abstract string Protocol { get; }

    /// <summary>The first frame: <c>connection_established</c> or <c>connection_ack</c>.</summary>
    public abstract object FirstMessage(WebSocketSession session, StreamSequenceToken position);

    public abstract bool Accepts(WebSocketSession session, FeedItem item);

    /// <summary>Handles a message type the channel itself defines; false when it does not know the type.</summary>
    protected abstract Task<bool> HandleOwnAsync(WebSocketSession session, InboundMessage message);

    public async Task HandleAsync(WebSocketSession session, InboundMessage message)
    {
        try
        {
            switch (message.Type)
            {
                case "ping":
                    session.SendControl(new PongData(message.Id), message.Id);
                    return;
                case "refresh_token":
                    await RefreshAsync(session, message).ConfigureAwait(false);
                    return;
                case "resume":
                    await ResumeAsync(session, message).ConfigureAwait(false);
                    return;
            }

            if (!await HandleOwnAsync(session, message).ConfigureAwait(false))
            {
                Error(session, message, GatewayErrorCodes.UnknownType, $"This endpoint does not accept messages of type '{Truncate(message.Type)}'.");
            }
        }
        catch (DomainException ex)
        {
            Error(session, message, ex.ErrorCode, ex.Detail);
        }
        catch (SiloUnavailableException)
        {
            Error(session, message, GatewayErrorCodes.Unavailable, "The service is temporarily unavailable; retry shortly.");
        }
        catch (TimeoutException)
        {
            Error(session, message, GatewayErrorCodes.Unavailable, "The service did not answer in time; retry shortly.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The client gets a code, never the exception text; the socket stays open.
            session.LogHandlerFailed(ex, message.Type);
            Error(session, message, GatewayErrorCodes.InternalError, "The request failed on the server.");
        }
    }

    protected static void Error(WebSocketSession session, InboundMessage message, string code, string text) =>
        session.SendControl(new ErrorData(code, text, message.Id), message.Id);

    protected static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static async Task RefreshAsync(WebSocketSession session, InboundMessage message)
    {
        if (message.String("token") is not { } token)
        {
            Error(session, message, GatewayErrorCodes.InvalidData, "refresh_token needs data.token (a JWT for the same subject).");
            return;
        }

        var (code, text) = await session.RefreshTokenAsync(token).ConfigureAwait(false);
        if (code is not null)
        {
            Error(session, message, code, text);
            return;
        }

        session.SendControl(new TokenRefreshedData(session.TokenExpiresAt), message.Id);
    }

    private async Task ResumeAsync(WebSocketSession session, InboundMessage message)
    {
        if (!TryReadLong(message.Data, "last_seq", out var lastSeq) || !TryReadLong(message.Data, "epoch", out var epoch) || lastSeq < 0)
        {
            Error(session, message, GatewayErrorCodes.InvalidData, "resume needs data.last_seq (a non-negative integer) and data.epoch (an integer).");
            return;
        }

        if (!session.CanResume)
        {
            Error(session, message, GatewayErrorCodes.ResumeTooLate, "resume must be the first message, before any event was delivered; reconnect with ?last_seq=&epoch= instead.");
            return;
        }

        if (!PrepareResume(session, message))
        {
            return;
        }

        await session.ResumeAsync(new StreamSequenceToken(lastSeq, epoch)).ConfigureAwait(false);
    }

    /// <summary>Lets a channel apply what a <c>resume</c> carries besides the position (on <c>/ws</c>: <c>events</c> and <c>filters</c>, so the replay is filtered); false refuses the resume.</summary>
    protected virtual bool PrepareResume(WebSocketSession session, InboundMessage message) => true;

    private static bool TryReadLong(JsonElement data, string name, out long value)
    {
        value = 0;
        return data.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
