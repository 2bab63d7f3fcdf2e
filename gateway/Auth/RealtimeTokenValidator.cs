using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansRealtime.Gateway.Auth.Internal;
using OrleansRealtime.Gateway.Errors;

namespace OrleansRealtime.Gateway.Auth;

/// <summary>
/// Validates a JWT with <see cref="JsonWebTokenHandler"/> against <see cref="RealtimeAuthOptions"/>: HS256 only
/// (<c>alg=none</c> and every other algorithm refused), signature, <c>exp</c>/<c>nbf</c> within the clock skew
/// (an <c>exp</c> is required), <c>iss</c> and <c>aud</c> only when configured, and a non-empty <c>sub</c>.
/// Shared by the HTTP authentication handler and the WebSocket endpoints (in-band <c>refresh_token</c>).
/// Thread-safe; the validation parameters are built once. Lifetimes are checked by the library against the
/// system clock (its time provider is not public), so tokens are minted against the same clock.
/// A token that passed is remembered for a while (see <see cref="ValidatedTokenCache"/>): the same token sent
/// again before its <c>exp</c> gets the same outcome without the signature check.
/// </summary>
public sealed class RealtimeTokenValidator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;

    // On the system clock, like the library's lifetime check: a cache on another clock could go on accepting
    // a token the library itself would refuse as expired.
    private readonly ValidatedTokenCache _validated;

    public RealtimeTokenValidator(IOptions<RealtimeAuthOptions> options)
        : this(options, new ValidatedTokenCache(TimeProvider.System))
    {
    }

    internal RealtimeTokenValidator(IOptions<RealtimeAuthOptions> options, ValidatedTokenCache validated)
    {
        _validated = validated;
        var o = options.Value;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = SigningKey(o),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = o.ClockSkew,
            ValidateIssuer = o.HasIssuer,
            ValidIssuer = o.HasIssuer ? o.Issuer : null,
            ValidateAudience = o.HasAudience,
            ValidAudience = o.HasAudience ? o.Audience : null,
            NameClaimType = RealtimeClaimTypes.Subject,
            RoleClaimType = RealtimeClaimTypes.Roles,
            AuthenticationType = JwtAuthenticationDefaults.Scheme,
        };
    }

    /// <summary>Validates <paramref name="token"/>; never throws for a bad token.</summary>
    public Task<TokenValidationOutcome> ValidateAsync(string token)
    {
        if (_validated.TryGet(token, out var known))
        {
            return known;
        }

        var outcome = ValidateUncachedAsync(token);
        if (outcome.IsCompleted)
        {
            _validated.Add(token, outcome);
            return outcome;
        }

        return AddWhenDoneAsync(token, outcome);
    }

    /// <summary>As <see cref="ValidateAsync(string)"/>; a token already known is found without making its string.</summary>
    internal Task<TokenValidationOutcome> ValidateAsync(ReadOnlySpan<char> token) =>
        _validated.TryGet(token, out var known) ? known : ValidateAsync(token.ToString());

    private async Task<TokenValidationOutcome> AddWhenDoneAsync(string token, Task<TokenValidationOutcome> outcome)
    {
        await outcome.ConfigureAwait(false);
        _validated.Add(token, outcome);
        return await outcome.ConfigureAwait(false);
    }

    private async Task<TokenValidationOutcome> ValidateUncachedAsync(string token)
    {
        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // An oversize or otherwise unreadable token string; the handler reports most problems in the result.
            return TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The bearer token is malformed.");
        }

        if (!result.IsValid)
        {
            return Refusal(result.Exception);
        }

        var identity = result.ClaimsIdentity;
        if (string.IsNullOrEmpty(identity.FindFirst(RealtimeClaimTypes.Subject)?.Value))
        {
            return TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The token has no 'sub' claim (the user id).");
        }

        var expires = result.SecurityToken is JsonWebToken jwt && jwt.ValidTo != DateTime.MinValue
            ? new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)
            : (DateTimeOffset?)null;
        // A fresh identity with copies of the claims: the handler's identity keeps the parsed JsonWebToken (its payload
        // and strings, about 1.3 KB), and a socket's principal lives as long as the socket (HttpContext.User).
        return TokenValidationOutcome.Succeeded(
            new ValidatedPrincipal(new ClaimsIdentity(identity.Claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType)),
            expires);
    }

    internal static SymmetricSecurityKey SigningKey(RealtimeAuthOptions options) =>
        new(Encoding.UTF8.GetBytes(options.SigningKey ?? throw new InvalidOperationException($"{RealtimeAuthOptions.SectionName}:SigningKey is not set.")));

    /// <summary>Maps the handler's exception to a code and a short reason; the exception text itself is never returned.</summary>
    private static TokenValidationOutcome Refusal(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenValidationOutcome.Failed(ApiErrorCodes.TokenExpired, "The token has expired."),
        SecurityTokenNotYetValidException => TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The token is not valid yet."),
        SecurityTokenInvalidAudienceException => TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The token's audience is not accepted."),
        SecurityTokenInvalidIssuerException => TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The token's issuer is not accepted."),
        SecurityTokenInvalidAlgorithmException => TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "Only HS256-signed tokens are accepted."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The token's signature is not valid."),
        SecurityTokenNoExpirationException => TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The token has no 'exp' claim."),
        _ => TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "The bearer token is not valid."),
    };
}
