using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansRealtime.Gateway.Api.Me;

/// <summary><c>GET /api/me</c>: who the token says the caller is, so a client can check its token.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (ClaimsPrincipal user) =>
            {
                var caller = user.Caller();
                return new MeResponse(caller.UserId, caller.Roles, caller.Wallets, caller.IsAdmin, caller.IsService);
            })
            .WithTags("Auth").WithName("GetMe").WithSummary("The caller's user id (sub), roles and wallet claims.");
        return api;
    }
}
