using System.Security.Claims;

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
    }

    public string UserId { get; }

    public IReadOnlyList<string> Roles { get; }

    public IReadOnlyList<string> Wallets { get; }

    public bool IsAdmin => Roles.Contains(RealtimeRoles.Admin, StringComparer.Ordinal);

    public bool IsService => Roles.Contains(RealtimeRoles.Service, StringComparer.Ordinal);

    /// <summary>Whether the caller is trusted with every user's resources (role <c>service</c> or <c>admin</c>).</summary>
    public bool IsServiceOrAdmin => IsAdmin || IsService;

    /// <summary>Whether the caller may act on the resources of <paramref name="userId"/>.</summary>
    public bool CanActFor(string userId) => IsServiceOrAdmin || string.Equals(UserId, userId, StringComparison.Ordinal);

    /// <summary>The caller of an authenticated request, or null when the principal has no <c>sub</c>.</summary>
    public static RealtimePrincipal? From(ClaimsPrincipal principal)
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
}
