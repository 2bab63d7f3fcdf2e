namespace OrleansRealtime.Gateway.Auth;

/// <summary>What <see cref="JwtTokenIssuer"/> puts in a token.</summary>
public sealed record TokenRequest
{
    /// <summary>The user id (<c>sub</c>).</summary>
    public required string Subject { get; init; }

    /// <summary>Written as <c>roles</c>: a string for one role, an array for several, absent for none.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Written as <c>wallet</c>: a string for one address, an array for several.</summary>
    public IReadOnlyList<string> Wallets { get; init; } = [];

    /// <summary>How long the token is valid from now (1 minute to 30 days).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
}
