using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Gateway.Api.Users;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.SystemNotices;

namespace OrleansRealtime.Gateway.Api.Publishing;

/// <summary>
/// Server-side publishing for other services and plugins (document 002): <c>send_to_user</c> as
/// <c>POST /api/users/{userId}/messages</c> and <c>broadcast</c> as <c>POST /api/broadcast</c> (admin).
/// </summary>
public static class PublishingEndpoints
{
    public const string AnnouncementType = "system_announcement";

    public static RouteGroupBuilder MapSendToUserEndpoint(this RouteGroupBuilder users)
    {
        users.MapPost("/messages", SendToUserAsync).WithTags("Publishing").WithName("SendToUser")
            .WithSummary("Publishes {type, action, data} to every session of the user (document 002's send_to_user).");
        return users;
    }

    public static RouteGroupBuilder MapBroadcastEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/broadcast", BroadcastAsync).WithTags("Publishing").WithName("Broadcast")
            .RequireAuthorization(RealtimePolicies.Admin)
            .WithSummary("Sends a system_announcement to every connected user (document 002's broadcast). Needs role admin.");
        return api;
    }

    private static async Task<Accepted<PublishedEvent>> SendToUserAsync(string userId, SendToUserRequest request, IGrainFactory grains)
    {
        var envelope = await ProfileEndpoints.Grain(grains, userId).SendUpdateAsync(request.Type, request.Action, request.Data);
        return TypedResults.Accepted((string?)null, PublishedEvent.From(envelope));
    }

    private static async Task<Accepted<PublishedEvent>> BroadcastAsync(BroadcastRequest request, IGrainFactory grains)
    {
        if (request.Type != AnnouncementType)
        {
            throw new DomainValidationException("unsupported_broadcast_type",
                $"Broadcast sends '{AnnouncementType}'; the other system notices have their own endpoints under /api/system.");
        }

        var envelope = await grains.GetGrain<ISystemGrain>(SystemGrainKey.Global).SendAnnouncementAsync(request.Message);
        return TypedResults.Accepted((string?)null, PublishedEvent.From(envelope));
    }
}
