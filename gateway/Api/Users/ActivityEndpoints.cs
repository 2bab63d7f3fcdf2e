using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Typing and presence of <c>/api/users/{userId}</c> (document 001's <c>typing</c>; presence is ours).</summary>
public static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this RouteGroupBuilder users)
    {
        var group = users.MapGroup(string.Empty).WithTags("Presence");
        group.MapPut("/typing", async (string userId, TypingRequest request, [FromHeader(Name = ProfileEndpoints.SessionHeader)] string? sessionId, IGrainFactory grains) =>
            {
                await ProfileEndpoints.Grain(grains, userId).SetTypingAsync(string.IsNullOrEmpty(sessionId) ? null : sessionId, request.IsTyping);
                return TypedResults.NoContent();
            })
            .WithName("SetTyping").WithSummary("Sets the typing state of the X-Session-Id session; publishes typing to the user's other sessions when it changed.");
        group.MapGet("/presence", (string userId, IGrainFactory grains) => ProfileEndpoints.Grain(grains, userId).GetPresenceAsync())
            .WithName("GetPresence").WithSummary("The user's connected sessions and devices.");
        return users;
    }
}
