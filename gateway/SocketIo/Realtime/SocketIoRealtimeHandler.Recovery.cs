using OrleansRealtime.Gateway.Auth;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

internal sealed partial class SocketIoRealtimeHandler
{
    /// <summary>
    /// Socket.IO connection state recovery: a CONNECT carrying the pid of an earlier reply and the offset of the last
    /// event the client got. The pid must be one this cluster signed for the token's user, and the offset must carry
    /// that pid's join proof; then the socket is bound again without a new join and everything after the offset is
    /// replayed before live events, in order. Returns the session, or null when recovery is impossible (bad pid or
    /// offset, another user, an epoch or range the stream no longer has, the user at the cap, the stream unavailable): the CONNECT is then
    /// answered with a new pid, so the client sees <c>recovered: false</c> and starts fresh with a <c>join</c>.
    /// </summary>
    private async Task<SocketIoSession?> TryRecoverAsync(SocketIoSocket socket, SocketIoConnectRequest request, TokenValidationOutcome outcome, RealtimePrincipal caller, CancellationToken cancellationToken)
    {
        if (request.Pid is not { } pid)
        {
            return null;
        }

        if (!_recovery.TryReadPid(pid, out var userId) || userId != caller.UserId || !_recovery.TryReadOffset(request.Offset, pid, out var after))
        {
            LogRecoveryImpossible(_logger, socket.Id, caller.UserId, "the pid or offset is not one this cluster issued to this user's joined socket");
            return null;
        }

        var state = new RealtimeSocketState(caller, outcome.Principal!, outcome.ExpiresAt, pid, NewLimiter());
        var session = NewSession(socket, state);
        if (!_registry.TryAdd(session))
        {
            session.RequestClose(Sessions.GatewayCloseCodes.Normal, "refused");
            session.MarkCompleted();
            LogRecoveryImpossible(_logger, socket.Id, caller.UserId, "the user is at the connection cap or the gateway drains");
            return null;
        }

        bool recovered;
        try
        {
            await Hub.AttachAsync(session, cancellationToken).ConfigureAwait(false);
            recovered = await session.TryRecoverAsync(after).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The socket went while recovering.
            await DropAsync(session).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            // The stream could not be subscribed or read: a fresh start (whose join then says "unavailable")
            // rather than a CONNECT_ERROR, after which socket.io-client would not retry.
            await DropAsync(session).ConfigureAwait(false);
            LogRecoveryFailed(_logger, ex, socket.Id, caller.UserId);
            return null;
        }

        if (!recovered)
        {
            await DropAsync(session).ConfigureAwait(false);
            LogRecoveryImpossible(_logger, socket.Id, caller.UserId, "the stream no longer holds what the client missed");
            return null;
        }

        socket.Items[RealtimeSocketState.ItemKey] = state;
        state.Session = session;
        Run(socket, session);
        LogRecovered(_logger, socket.Id, session.SessionId, caller.UserId, after.Epoch, after.Sequence);
        return session;
    }
}
