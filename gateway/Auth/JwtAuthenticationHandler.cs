using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansRealtime.Gateway.Errors;

namespace OrleansRealtime.Gateway.Auth;

/// <summary>
/// Authenticates a request from its JWT: the <c>Authorization: Bearer</c> header, or, for WebSocket and
/// Socket.IO handshakes only, the <c>?token=</c> query parameter or the <c>Sec-WebSocket-Protocol</c> pair <c>bearer, &lt;JWT&gt;</c>. A request without a token is anonymous (the
/// authorization policies then challenge it); a bad token fails. Challenges and forbids are written as
/// problem details with an <c>error_code</c>. The token and the query string are never logged.
/// </summary>
public sealed partial class JwtAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    RealtimeTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (StartValidation() is not { } validation)
        {
            return AuthenticateResult.NoResult();
        }

        var outcome = await validation.ConfigureAwait(false);
        if (!outcome.IsValid)
        {
            LogTokenRefused(Logger, Request.Path, outcome.ErrorCode!, outcome.Reason!);
            return AuthenticateResult.Fail(new TokenRejectedException(outcome.ErrorCode!, outcome.Reason!));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(outcome.Principal!, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var (code, reason) = result.Failure is TokenRejectedException rejected
            ? (rejected.ErrorCode, rejected.Message)
            : (ApiErrorCodes.MissingToken, "A bearer token is required: send 'Authorization: Bearer <JWT>'.");

        // RFC 6750 section 3: a request without credentials gets the bare challenge, a bad token an error attribute.
        Response.Headers.WWWAuthenticate = code == ApiErrorCodes.MissingToken
            ? JwtAuthenticationDefaults.Scheme
            : $"{JwtAuthenticationDefaults.Scheme} error=\"invalid_token\", error_description=\"{reason}\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, code, reason).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, ApiErrorCodes.Forbidden, "The token's roles do not allow this request.");

    // A service sends the same header with every request: its token is looked up as a slice of the header, so a
    // token the validator already knows costs no string per request.
    private Task<TokenValidationOutcome>? StartValidation()
    {
        if (TryReadHeader(Request, out var fromHeader))
        {
            return fromHeader.IsEmpty ? null : validator.ValidateAsync(fromHeader);
        }

        return ReadToken(Request) is { } token ? validator.ValidateAsync(token) : null;
    }

    /// <summary>The raw token of the request, or null when it carries none.</summary>
    internal static string? ReadToken(HttpRequest request)
    {
        if (TryReadHeader(request, out var fromHeader))
        {
            return fromHeader.IsEmpty ? null : fromHeader.ToString();
        }

        // Browsers cannot set headers on a WebSocket handshake, so only those paths accept the query form.
        if (JwtAuthenticationDefaults.QueryTokenPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && request.Query.TryGetValue(JwtAuthenticationDefaults.QueryParameter, out var values)
            && values.Count == 1
            && !string.IsNullOrEmpty(values[0]))
        {
            return values[0];
        }

        // A browser can pass the token as a subprotocol: new WebSocket(url, ["bearer", token]).
        if (JwtAuthenticationDefaults.QueryTokenPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            var protocols = request.Headers.SecWebSocketProtocol.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var bearer = Array.FindIndex(protocols, p => string.Equals(p, JwtAuthenticationDefaults.BearerSubprotocol, StringComparison.OrdinalIgnoreCase));
            if (bearer >= 0 && bearer + 1 < protocols.Length)
            {
                return protocols[bearer + 1];
            }
        }

        return null;
    }

    /// <summary>Whether the request has an <c>Authorization: Bearer</c> header; its token may be empty.</summary>
    private static bool TryReadHeader(HttpRequest request, out ReadOnlySpan<char> token)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        if (header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            token = header.AsSpan(BearerPrefix.Length).Trim();
            return true;
        }

        token = default;
        return false;
    }

    // The path only: the query string may hold the token.
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Refused the token of a request to {Path}: {ErrorCode} ({Reason})")]
    private static partial void LogTokenRefused(ILogger logger, PathString path, string errorCode, string reason);
}
