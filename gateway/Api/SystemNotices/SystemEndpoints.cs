using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Gateway.Api.Publishing;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;

namespace OrleansRealtime.Gateway.Api.SystemNotices;

/// <summary>
/// <c>/api/system/*</c> (role <c>admin</c>): notices broadcast to every connected user, component statuses, and
/// scheduled maintenance, all through the single <see cref="ISystemGrain"/>.
/// </summary>
public static class SystemEndpoints
{
    public static RouteGroupBuilder MapSystemEndpoints(this RouteGroupBuilder api)
    {
        var system = api.MapGroup("/system").WithTags("System").RequireAuthorization(RealtimePolicies.Admin);
        system.MapPost("/notifications", async (SystemNotificationData notification, IGrainFactory grains) =>
                Accepted(await Grain(grains).SendNotificationAsync(notification)))
            .WithName("SendSystemNotification").WithSummary("Broadcasts system_notification {level, title, message, action, dismissible, expires_at}.");
        system.MapPost("/status", async (SystemStatusUpdateData update, IGrainFactory grains) =>
                Accepted(await Grain(grains).SendStatusUpdateAsync(update)))
            .WithName("SendSystemStatusUpdate").WithSummary("Records a component's status and broadcasts system_status_update.");
        system.MapGet("/status", (IGrainFactory grains) => Grain(grains).GetComponentStatusesAsync())
            .WithName("GetSystemStatus").WithSummary("The last status of every component.");
        system.MapPost("/announcements", async (AnnouncementRequest request, IGrainFactory grains) =>
                Accepted(await Grain(grains).SendAnnouncementAsync(request.Message)))
            .WithName("SendSystemAnnouncement").WithSummary("Broadcasts system_announcement {message}.");
        system.MapPost("/maintenance", ScheduleAsync)
            .WithName("ScheduleMaintenance").WithSummary("Schedules a maintenance window and broadcasts maintenance_mode (scheduled); later phases follow by reminder.");
        system.MapGet("/maintenance", GetMaintenanceAsync)
            .WithName("GetMaintenance").WithSummary("The pending or running maintenance window (404 maintenance_not_found when none).");
        system.MapDelete("/maintenance", (IGrainFactory grains) => Grain(grains).CancelMaintenanceAsync())
            .WithName("CancelMaintenance").WithSummary("Cancels the pending or running window and broadcasts maintenance_mode (cancelled).");
        return api;
    }

    private static async Task<Created<MaintenanceWindow>> ScheduleAsync(MaintenanceRequest request, IGrainFactory grains) =>
        TypedResults.Created("/api/system/maintenance", await Grain(grains).ScheduleMaintenanceAsync(request));

    private static async Task<Ok<MaintenanceWindow>> GetMaintenanceAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains).GetMaintenanceAsync()
            ?? throw new DomainNotFoundException("maintenance_not_found", "No maintenance window is pending or running."));

    private static Accepted<PublishedEvent> Accepted(GrainInterfaces.Events.Envelope envelope) =>
        TypedResults.Accepted((string?)null, PublishedEvent.From(envelope));

    private static ISystemGrain Grain(IGrainFactory grains) => grains.GetGrain<ISystemGrain>(SystemGrainKey.Global);
}
