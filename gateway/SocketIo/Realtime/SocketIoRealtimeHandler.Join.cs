using System.Text.Json;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

internal sealed partial class SocketIoRealtimeHandler
{
    private const string InvalidWalletAddress = "invalid_wallet_address";

    /// <summary>
    /// <c>join(walletAddress)</c>: the address must be one of the token user's wallets (a <c>wallet</c> claim, or
    /// linked to the user grain); the socket then receives that user's stream. Joining again (any wallet of the
    /// same user) is answered as a success and changes nothing; a refused join leaves the socket as it was.
    /// </summary>
    private async ValueTask JoinAsync(SocketIoSocket socket, RealtimeSocketState state, IReadOnlyList<JsonElement> args, SocketIoAck? ack, CancellationToken cancellationToken)
    {
        if (args is not [{ ValueKind: JsonValueKind.String } first, ..])
        {
            await JoinErrorAsync(socket, ack, GatewayErrorCodes.InvalidData, "join needs the wallet address as a string: socket.emit(\"join\", walletAddress).").ConfigureAwait(false);
            return;
        }

        if (!WalletAddresses.TryNormalize(first.GetString(), out var wallet))
        {
            await JoinErrorAsync(socket, ack, InvalidWalletAddress,
                $"A wallet address is 0x followed by 40 hex digits, or 1 to {UserLimits.MaxWalletAddressLength} characters of letters, digits, '_', '.', ':' or '-'.").ConfigureAwait(false);
            return;
        }

        if (state.TokenExpiresAt is { } expires && expires + _services.ClockSkew <= _services.Time.GetUtcNow())
        {
            await JoinErrorAsync(socket, ack, Errors.ApiErrorCodes.TokenExpired, "The token has expired; reconnect with a fresh one.").ConfigureAwait(false);
            return;
        }

        if (!await OwnsAsync(state, wallet).ConfigureAwait(false))
        {
            LogJoinRefused(_logger, socket.Id, state.Caller.UserId);
            await JoinErrorAsync(socket, ack, SocketIoRealtimeErrorCodes.WalletNotLinked,
                "This wallet is not linked to the authenticated user: link it first (POST /api/users/{id}/wallets) or use one of yours.").ConfigureAwait(false);
            return;
        }

        if (state.Session is null && !await BindAsync(socket, state, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (ack is not null)
        {
            await ack.SendAsync(new[] { JsonSerializer.SerializeToElement(new { ok = true, user_id = state.Caller.UserId, wallet }) }).ConfigureAwait(false);
        }
    }

    /// <summary><c>typing(isTyping)</c>: the user's other sockets, of every protocol, receive <c>typing</c>; this one does not.</summary>
    private async ValueTask TypingAsync(SocketIoSocket socket, RealtimeSocketState state, IReadOnlyList<JsonElement> args, SocketIoAck? ack)
    {
        if (state.Session is not { } session)
        {
            await ErrorAsync(socket, ack, SocketIoRealtimeEvents.Typing, SocketIoRealtimeErrorCodes.NotJoined, "Emit join(walletAddress) before typing.").ConfigureAwait(false);
            return;
        }

        if (args is not [{ ValueKind: JsonValueKind.True or JsonValueKind.False } typing, ..])
        {
            await ErrorAsync(socket, ack, SocketIoRealtimeEvents.Typing, GatewayErrorCodes.InvalidData, "typing needs a boolean: socket.emit(\"typing\", true).").ConfigureAwait(false);
            return;
        }

        await _services.Grains.GetGrain<IUserGrain>(session.UserId).SetTypingAsync(session.SessionId, typing.GetBoolean()).ConfigureAwait(false);

        if (ack is not null)
        {
            await ack.SendAsync(new[] { JsonSerializer.SerializeToElement(new { ok = true }) }).ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> OwnsAsync(RealtimeSocketState state, string wallet)
    {
        foreach (var claimed in state.Caller.Wallets)
        {
            if (WalletAddresses.TryNormalize(claimed, out var canonical) && canonical == wallet)
            {
                return true;
            }
        }

        return await _services.Grains.GetGrain<IUserGrain>(state.Caller.UserId).OwnsWalletAsync(wallet).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the socket a session of its user: registered (per-user cap), attached to the user feed, live from the
    /// stream's current position, with its send loop and lifetime running. False when refused (the client was told).
    /// </summary>
    private async ValueTask<bool> BindAsync(SocketIoSocket socket, RealtimeSocketState state, CancellationToken cancellationToken)
    {
        var session = NewSession(socket, state);
        if (!_registry.TryAdd(session))
        {
            session.RequestClose(GatewayCloseCodes.Normal, "refused");
            session.MarkCompleted();
            if (_registry.IsDraining)
            {
                await JoinErrorAsync(socket, null, SocketIoRealtimeErrorCodes.ServerShutdown, "The gateway is restarting; the connection closes and reconnects.").ConfigureAwait(false);
                socket.CloseTransport();
            }
            else
            {
                LogTooManyConnections(_logger, socket.Id, state.Caller.UserId, _services.Options.MaxConnectionsPerUser);
                await JoinErrorAsync(socket, null, SocketIoRealtimeErrorCodes.TooManyConnections,
                    $"This user already holds {_services.Options.MaxConnectionsPerUser} connections to this gateway; close one before connecting again.").ConfigureAwait(false);
                await socket.DisconnectAsync().ConfigureAwait(false);
            }

            return false;
        }

        OrleansRealtime.Abstractions.Streams.StreamSequenceToken position;
        try
        {
            await Hub.AttachAsync(session, cancellationToken).ConfigureAwait(false);
            position = await session.Stream!.GetPositionAsync().ConfigureAwait(false);
        }
        catch
        {
            await DropAsync(session).ConfigureAwait(false);
            throw;
        }

        Run(socket, session);
        session.GoLive(position);
        state.Session = session;
        LogJoined(_logger, socket.Id, session.SessionId, session.UserId);
        return true;
    }

    private SocketIoSession NewSession(SocketIoSocket socket, RealtimeSocketState state) =>
        new(_services, state.Caller.UserId, state.Principal, state.TokenExpiresAt, socket, state.Pid, _recovery.JoinProof(state.Pid))
        {
            Device = DeviceOf(socket.Handshake),
        };

    /// <summary>Starts the send loop and the token watch, and detaches the session once the socket or the session ends.</summary>
    private void Run(SocketIoSocket socket, SocketIoSession session)
    {
        var sendLoop = session.RunSendLoopAsync();
        session.WatchTokenExpiry();
        _ = RunUntilClosedAsync(socket, session, sendLoop);
    }

    private async Task RunUntilClosedAsync(SocketIoSocket socket, SocketIoSession session, Task sendLoop)
    {
        // A socket that goes (for whatever reason, even before its CONNECT reply left) closes the session;
        // a session that closes (slow consumer, expiry, drain, resync) closes the socket's transport.
        using (socket.Disconnected.Register(static s => ((SocketIoSession)s!).RequestClose(GatewayCloseCodes.Normal, "closed"), session))
        {
            await sendLoop.ConfigureAwait(false);
        }

        await DropAsync(session).ConfigureAwait(false);
        LogSessionEnded(_logger, socket.Id, session.SessionId, session.CloseCode);
    }

    /// <summary>Unregisters and detaches a session that will send nothing more.</summary>
    private async Task DropAsync(SocketIoSession session)
    {
        session.RequestClose(GatewayCloseCodes.Normal, "closed");
        _registry.Remove(session);
        try
        {
            await Hub.DetachAsync(session).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDetachFailed(_logger, ex, session.SessionId);
        }

        session.MarkCompleted();
    }

    private static ValueTask JoinErrorAsync(SocketIoSocket socket, SocketIoAck? ack, string code, string message) =>
        ReplyErrorAsync(socket, ack, SocketIoRealtimeEvents.JoinError, new RealtimeErrorPayload(code, message));

    /// <summary>The client's <c>?device=</c> when it is a safe short name (as on the raw endpoints), for presence.</summary>
    private static string DeviceOf(SocketIoHandshake handshake)
    {
        var device = handshake.Query["device"].ToString();
        return device.Length is > 0 and <= 32 && device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? device : "unknown";
    }
}
