using System.Security.Claims;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Gateway.Api;

/// <summary>The ownership checks every endpoint applies before it calls a grain.</summary>
public static class ApiCaller
{
    /// <summary>The authenticated caller (every <c>/api</c> endpoint requires one).</summary>
    public static RealtimePrincipal Caller(this ClaimsPrincipal user) =>
        RealtimePrincipal.From(user) ?? throw new InvalidOperationException("An /api endpoint ran without an authenticated caller.");

    /// <summary>Throws 403 <c>forbidden</c> unless the caller may act on <paramref name="userId"/>'s resources.</summary>
    public static RealtimePrincipal EnsureCanActFor(this ClaimsPrincipal user, string userId)
    {
        var caller = user.Caller();
        if (!caller.CanActFor(userId))
        {
            throw new DomainForbiddenException(Errors.ApiErrorCodes.Forbidden, "A user may act only on their own resources.");
        }

        return caller;
    }

    /// <summary>
    /// Throws 403 <c>forbidden</c> with <paramref name="detail"/> unless the caller has role <c>service</c> or
    /// <c>admin</c>: for actions no user may take on their own behalf, not even on their own resources.
    /// </summary>
    public static RealtimePrincipal EnsureServiceOrAdmin(this ClaimsPrincipal user, string detail)
    {
        var caller = user.Caller();
        if (!caller.IsServiceOrAdmin)
        {
            throw new DomainForbiddenException(Errors.ApiErrorCodes.Forbidden, detail);
        }

        return caller;
    }
}
