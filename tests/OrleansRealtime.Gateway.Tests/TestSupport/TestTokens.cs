using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>Hand-built tokens for the refusal cases the issuer would never produce.</summary>
public static class TestTokens
{
    public static string Create(
        string? subject = "alice",
        string key = GatewayHost.SigningKey,
        string algorithm = SecurityAlgorithms.HmacSha256,
        DateTime? expires = null,
        DateTime? notBefore = null,
        string? issuer = null,
        string? audience = null,
        IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (subject is not null)
        {
            all["sub"] = subject;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Claims = all,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token without expiry (exp absent).</summary>
    public static string WithoutExpiry(string subject = "alice")
    {
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Base64Url($"{{\"sub\":\"{subject}\"}}");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(GatewayHost.SigningKey));
        var signature = Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    /// <summary>An unsigned token (<c>alg: none</c>) claiming to be <paramref name="subject"/> with role admin.</summary>
    public static string AlgNone(string subject = "alice")
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Base64Url($"{{\"sub\":\"{subject}\",\"roles\":\"admin\",\"exp\":{exp}}}")}.";
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
