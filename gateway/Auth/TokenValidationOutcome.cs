using System.Security.Claims;

namespace OrleansRealtime.Gateway.Auth;

/// <summary>The result of <see cref="RealtimeTokenValidator.ValidateAsync"/>: a principal, or an error code with a reason safe to show the client.</summary>
public sealed record TokenValidationOutcome
{
    public ClaimsPrincipal? Principal { get; private init; }

    /// <summary>The token's <c>exp</c>, so a long-lived connection knows when to ask for a refresh.</summary>
    public DateTimeOffset? ExpiresAt { get; private init; }

    /// <summary>An <see cref="Errors.ApiErrorCodes"/> value when the token was refused.</summary>
    public string? ErrorCode { get; private init; }

    public string? Reason { get; private init; }

    public bool IsValid => Principal is not null;

    public static TokenValidationOutcome Succeeded(ClaimsPrincipal principal, DateTimeOffset? expiresAt) =>
        new() { Principal = principal, ExpiresAt = expiresAt };

    public static TokenValidationOutcome Failed(string errorCode, string reason) =>
        new() { ErrorCode = errorCode, Reason = reason };
}
