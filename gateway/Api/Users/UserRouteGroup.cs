using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>
/// The <c>/api/users/{userId}</c> group. Its filter checks, before any endpoint of the group runs, that the
/// route's user id is well-formed and that the caller may act for it (the user themself, a service or an admin).
/// </summary>
internal static class UserRouteGroup
{
    public static RouteGroupBuilder MapUserGroup(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users/{userId}");
        // Not async: the checks throw synchronously, and an async filter boxed a state machine on every request.
        users.AddEndpointFilter((context, next) =>
        {
            var userId = EdgeLimits.Id(context.HttpContext.GetRouteValue("userId") as string, "user_id");
            context.HttpContext.User.EnsureCanActFor(userId);
            return next(context);
        });
        return users;
    }
}
