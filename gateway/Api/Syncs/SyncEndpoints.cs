using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Gateway.Api.Syncs;

/// <summary>
/// <c>/api/syncs/{operationId}</c>: read a sync operation's state and cancel it. A sync is started on its
/// library (<c>POST /api/libraries/{libraryId}/syncs</c>). Ownership is the operation's owner user id:
/// unknown → 404 <c>operation_not_found</c>, foreign → 403 <c>forbidden</c>, before anything changes.
/// </summary>
public static class SyncEndpoints
{
    public static RouteGroupBuilder MapSyncEndpoints(this RouteGroupBuilder api)
    {
        var syncs = api.MapGroup("/syncs").WithTags("Syncs");
        syncs.MapGet("/{operationId}", GetAsync).WithName("GetSync")
            .WithSummary("The operation's status, counters, checkpoint and last error.");
        syncs.MapPost("/{operationId}/cancel", CancelAsync).WithName("CancelSync")
            .WithSummary("Stops a running or rate-limited sync (publishes sync_failed with SYNC_CANCELLED); an ended one is returned unchanged.");
        return api;
    }

    private static async Task<Ok<SyncOperationInfo>> GetAsync(string operationId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (_, info) = await GetOwnedAsync(grains, user, operationId);
        return TypedResults.Ok(info);
    }

    private static async Task<Ok<SyncOperationInfo>> CancelAsync(string operationId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (grain, _) = await GetOwnedAsync(grains, user, operationId);
        return TypedResults.Ok(await grain.CancelAsync());
    }

    private static async Task<(ISyncOperationGrain Grain, SyncOperationInfo Info)> GetOwnedAsync(IGrainFactory grains, ClaimsPrincipal user, string operationId)
    {
        var grain = grains.GetGrain<ISyncOperationGrain>(EdgeLimits.Id(operationId, "operation_id"));
        var info = await grain.GetStateAsync()
            ?? throw new DomainNotFoundException("operation_not_found", $"Sync operation '{operationId}' does not exist.");
        user.EnsureCanActFor(info.OwnerUserId);
        return (grain, info);
    }
}
