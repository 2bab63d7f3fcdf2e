using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansRealtime.Gateway.Auth;

/// <summary>
/// Mints HS256 tokens with the configured key, issuer and audience: for tests and for the silo's development
/// <c>token</c> command. Production tokens come from the identity provider that shares the key.
/// </summary>
public sealed class JwtTokenIssuer(IOptions<RealtimeAuthOptions> options, TimeProvider time)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Mint(TokenRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject);
        if (request.Lifetime < TimeSpan.FromMinutes(1) || request.Lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Lifetime, $"A token lives from 1 minute to {MaxLifetime.TotalDays} days.");
        }

        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [RealtimeClaimTypes.Subject] = request.Subject };
        AddStringOrArray(claims, RealtimeClaimTypes.Roles, request.Roles);
        AddStringOrArray(claims, RealtimeClaimTypes.Wallet, request.Wallets);
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + request.Lifetime,
            Issuer = o.HasIssuer ? o.Issuer : null,
            Audience = o.HasAudience ? o.Audience : null,
            SigningCredentials = new SigningCredentials(RealtimeTokenValidator.SigningKey(o), SecurityAlgorithms.HmacSha256),
        };
        return _handler.CreateToken(descriptor);
    }

    private static void AddStringOrArray(Dictionary<string, object> claims, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            claims[name] = values[0];
        }
        else if (values.Count > 1)
        {
            claims[name] = values.ToArray();
        }
    }
}
