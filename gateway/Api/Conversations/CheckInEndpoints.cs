using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Gateway.Api.Conversations;

/// <summary>
/// <c>/api/users/{userId}/personas/{personaId}/check-in</c>: opt in to (or out of) a persona's daily proactive
/// <c>message:receive</c> (document 001). Lives on the persona conversation <c>persona:{userId}:{personaId}</c>.
/// </summary>
public static class CheckInEndpoints
{
    public static RouteGroupBuilder MapCheckInEndpoints(this RouteGroupBuilder users)
    {
        var group = users.MapGroup("/personas/{personaId}/check-in").WithTags("Conversations");
        group.MapPut("/", async (string userId, string personaId, CheckInRequest request, IGrainFactory grains) =>
                TypedResults.Ok(await Grain(grains, userId, personaId).ConfigureCheckInAsync(userId, personaId, request.Enabled, request.TimeOfDayUtc)))
            .WithName("ConfigureCheckIn").WithSummary("Enables or disables the persona's daily check-in for the user.");
        group.MapGet("/", GetAsync).WithName("GetCheckIn").WithSummary("The check-in settings (404 check_in_not_found when never configured).");
        return users;
    }

    private static async Task<Ok<PersonaCheckIn>> GetAsync(string userId, string personaId, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, userId, personaId).GetCheckInAsync(userId)
            ?? throw new DomainNotFoundException("check_in_not_found", $"No check-in was configured for persona '{personaId}'."));

    private static IConversationGrain Grain(IGrainFactory grains, string userId, string personaId) =>
        grains.GetGrain<IConversationGrain>(ConversationKeys.ForPersona(userId, personaId));
}
