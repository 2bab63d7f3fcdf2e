namespace OrleansRealtime.Gateway.Auth;

/// <summary>
/// How the gateway validates (and the development <c>token</c> command mints) JWTs, bound from
/// <c>Realtime:Auth</c> and validated at start: a missing or short key stops the host with a message naming it.
/// </summary>
public sealed class RealtimeAuthOptions
{
    public const string SectionName = "Realtime:Auth";

    /// <summary>HS256 needs a key of at least 256 bits; shorter keys are brute-forceable and refused at start.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The HS256 shared secret (required; environment variable <c>Realtime__Auth__SigningKey</c>). Its UTF-8
    /// bytes are the key, at least <see cref="MinimumKeyBytes"/> of them. Never commit a production key.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The required <c>iss</c>; null or blank (default) accepts any issuer. Minted tokens carry it when set.</summary>
    public string? Issuer { get; set; }

    /// <summary>The required <c>aud</c>; null or blank (default) accepts any audience. Minted tokens carry it when set.</summary>
    public string? Audience { get; set; }

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c> (default 30 s, 0..5 min).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    internal bool HasIssuer => !string.IsNullOrWhiteSpace(Issuer);

    internal bool HasAudience => !string.IsNullOrWhiteSpace(Audience);

    /// <summary>The rules checked at start; each returns null or a message naming the property and value.</summary>
    internal static IEnumerable<Func<RealtimeAuthOptions, string?>> Rules() =>
    [
        o => string.IsNullOrWhiteSpace(o.SigningKey)
            ? $"{nameof(SigningKey)} is required: set {SectionName}:{nameof(SigningKey)} (environment variable Realtime__Auth__SigningKey) to an HS256 secret of at least {MinimumKeyBytes} bytes."
            : null,
        o => !string.IsNullOrWhiteSpace(o.SigningKey) && System.Text.Encoding.UTF8.GetByteCount(o.SigningKey) < MinimumKeyBytes
            ? $"{nameof(SigningKey)} must be at least {MinimumKeyBytes} bytes for HS256, but is {System.Text.Encoding.UTF8.GetByteCount(o.SigningKey)} bytes (value not shown)."
            : null,
        o => o.ClockSkew < TimeSpan.Zero || o.ClockSkew > TimeSpan.FromMinutes(5)
            ? $"{nameof(ClockSkew)} must be between 00:00:00 and 00:05:00, but is {o.ClockSkew}."
            : null,
    ];
}
