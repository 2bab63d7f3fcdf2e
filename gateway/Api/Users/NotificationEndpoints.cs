using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Notifications of <c>/api/users/{userId}/notifications</c> (documents 001 and 002).</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder users)
    {
        var group = users.MapGroup("/notifications").WithTags("Notifications");
        group.MapPost("/", CreateAsync).WithName("CreateNotification").WithSummary("Stores a notification and publishes notification.");
        group.MapGet("/", (string userId, [FromQuery(Name = "unread_only")] bool? unreadOnly, [FromQuery] int? limit, IGrainFactory grains) =>
                ProfileEndpoints.Grain(grains, userId).ListNotificationsAsync(unreadOnly ?? false, limit ?? 50))
            .WithName("ListNotifications").WithSummary("Notifications, newest first (limit 1..200, default 50).");
        group.MapPost("/read", MarkReadAsync).WithName("MarkNotificationsRead")
            .WithSummary("Marks the given ids (or all) read; publishes notifications_read when something changed.");
        return users;
    }

    private static async Task<Created<UserNotification>> CreateAsync(string userId, CreateNotificationRequest request, IGrainFactory grains)
    {
        var created = await ProfileEndpoints.Grain(grains, userId).CreateNotificationAsync(request.Title, request.Message, request.Type);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(userId)}/notifications", created);
    }

    private static async Task<Ok<MarkNotificationsReadResponse>> MarkReadAsync(string userId, MarkNotificationsReadRequest request, IGrainFactory grains)
    {
        var grain = ProfileEndpoints.Grain(grains, userId);
        int marked;
        if (request.All)
        {
            marked = await grain.MarkAllNotificationsReadAsync();
        }
        else if (request.Ids is { Count: > 0 } ids)
        {
            marked = await grain.MarkNotificationsReadAsync(ids);
        }
        else
        {
            throw new DomainValidationException(ApiErrorCodes.MissingField, "Give the notification ids to mark, or all: true.");
        }

        return TypedResults.Ok(new MarkNotificationsReadResponse(marked));
    }
}
