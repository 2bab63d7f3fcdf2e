using System.Security.Claims;
using OrleansRealtime.Gateway.Auth.Internal;

namespace OrleansRealtime.Gateway.Auth;

/// <summary>
/// The authenticated caller as the API sees it: the user id (<c>sub</c>), roles and wallet claims, and the
/// ownership rule: a user acts on their own resources, a <c>service</c> or <c>admin</c> on anyone's.
/// </summary>
public sealed class RealtimePrincipal
{
    private RealtimePrincipal(string userId, IReadOnlyList<string> roles, IReadOnlyList<string> wallets)
    {
        UserId = userId;
        Roles = roles;
        Wallets = wallets;
        IsAdmin = Contains(roles, RealtimeRoles.Admin);
        IsService = Contains(roles, RealtimeRoles.Service);
    }

    public string UserId { get; }

    public IReadOnlyList<string> Roles { get; }

    public IReadOnlyList<string> Wallets { get; }

    public bool IsAdmin { get; }

    public bool IsService { get; }

    /// <summary>Whether the caller is trusted with every user's resources (role <c>service</c> or <c>admin</c>).</summary>
    public bool IsServiceOrAdmin => IsAdmin || IsService;

    /// <summary>Whether the caller may act on the resources of <paramref name="userId"/>.</summary>
    public bool CanActFor(string userId) => IsServiceOrAdmin || string.Equals(UserId, userId, StringComparison.Ordinal);

    /// <summary>The caller of an authenticated request, or null when the principal has no <c>sub</c>.</summary>
    /// <remarks>A principal from a validated token carries its caller already; any other is read claim by claim.</remarks>
    public static RealtimePrincipal? From(ClaimsPrincipal principal) =>
        principal is ValidatedPrincipal validated ? validated.Caller : Read(principal);

    internal static RealtimePrincipal? Read(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirst(RealtimeClaimTypes.Subject)?.Value;
        if (string.IsNullOrEmpty(userId) || principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return new RealtimePrincipal(
            userId,
            [.. principal.FindAll(RealtimeClaimTypes.Roles).Select(c => c.Value).Distinct(StringComparer.Ordinal)],
            [.. principal.FindAll(RealtimeClaimTypes.Wallet).Select(c => c.Value).Distinct(StringComparer.Ordinal)]);
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
