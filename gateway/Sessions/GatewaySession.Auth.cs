using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.Sessions;

internal abstract partial class GatewaySession
{
    private DateTimeOffset? _tokenExpiresAt;
    private ITimer? _expiryTimer;

    /// <summary>When the token in force expires (the handshake's, or the last valid <c>refresh_token</c>'s).</summary>
    public DateTimeOffset? TokenExpiresAt
    {
        get
        {
            lock (_lock)
            {
                return _tokenExpiresAt;
            }
        }
    }

    /// <summary>
    /// Arms the expiry watch: at <c>exp</c>, unless a refresh moved it, the socket gets <c>connection_error</c>
    /// AUTH_EXPIRED and is closed with 4001 after <see cref="RealtimeGatewayOptions.AuthExpiryCloseDelay"/>.
    /// </summary>
    public void WatchTokenExpiry()
    {
        lock (_lock)
        {
            if (_tokenExpiresAt is not { } expires || _closing)
            {
                return;
            }

            var due = expires + Services.ClockSkew - Now;
            _expiryTimer?.Dispose();
            _expiryTimer = Services.Time.CreateTimer(_ => OnExpiryDue(), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Handles <c>refresh_token</c>: a valid token for the same subject replaces the one in force (and its expiry).
    /// Returns the error code to send, or null on success. The session keeps its old token on failure.
    /// </summary>
    public async Task<(string? ErrorCode, string Message)> RefreshTokenAsync(string token)
    {
        var outcome = await Services.Tokens.ValidateAsync(token).ConfigureAwait(false);
        if (!outcome.IsValid)
        {
            return (GatewayErrorCodes.InvalidToken, outcome.Reason!);
        }

        if (UserIdOf(outcome.Principal!) != UserIdOf(Principal))
        {
            return (GatewayErrorCodes.InvalidToken, "The new token is for another subject; a session cannot change its user.");
        }

        // An admin watching another user's channel must stay an admin to keep watching.
        if (UserIdOf(outcome.Principal!) != UserId && RealtimePrincipal.From(outcome.Principal!)?.IsAdmin != true)
        {
            return (GatewayErrorCodes.InvalidToken, "This session watches another user: the new token must keep role admin.");
        }

        lock (_lock)
        {
            if (_expired)
            {
                return (GatewayErrorCodes.InvalidToken, "The token had already expired; reconnect with the new token.");
            }

            Principal = Slim(outcome.Principal!);
            _tokenExpiresAt = outcome.ExpiresAt;
        }

        WatchTokenExpiry();
        return (null, "refreshed");
    }

    private bool _expired;

    private void OnExpiryDue()
    {
        lock (_lock)
        {
            if (_closing || _expired || _tokenExpiresAt is not { } expires)
            {
                return;
            }

            if (expires + Services.ClockSkew > Now)
            {
                // A refresh moved the expiry after this timer was armed.
                _expiryTimer?.Change(expires + Services.ClockSkew - Now, Timeout.InfiniteTimeSpan);
                return;
            }

            _expired = true;
        }

        LogTokenExpired(Logger, SessionId, UserId);
        SendControl(new ConnectionErrorData(GatewayErrorCodes.AuthExpired, "Authentication token has expired", ReconnectRequired: true, ActionRequired: "refresh_token"));
        var delay = Services.Options.AuthExpiryCloseDelay;
        _expiryTimer = Services.Time.CreateTimer(
            _ => RequestClose(GatewayCloseCodes.AuthExpired, "auth_expired: reconnect with a fresh token"), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void StopTimers()
    {
        lock (_lock)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = null;
        }
    }
}
