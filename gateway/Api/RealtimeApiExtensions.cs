using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Gateway.Api.Conversations;
using OrleansRealtime.Gateway.Api.Libraries;
using OrleansRealtime.Gateway.Api.Me;
using OrleansRealtime.Gateway.Api.Publishing;
using OrleansRealtime.Gateway.Api.Syncs;
using OrleansRealtime.Gateway.Api.SystemNotices;
using OrleansRealtime.Gateway.Api.Users;
using OrleansRealtime.Gateway.Hosting;

namespace OrleansRealtime.Gateway.Api;

/// <summary>
/// Maps the HTTP API under <c>/api</c> (every endpoint needs a valid bearer token; broadcast and
/// <c>/api/system/*</c> also need role <c>admin</c>) and the OpenAPI document at <c>/openapi/v1.json</c>.
/// Call <see cref="RealtimeGatewayApplicationExtensions.UseRealtimeGateway"/> first.
/// </summary>
public static class RealtimeApiExtensions
{
    public static IEndpointRouteBuilder MapRealtimeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        var api = endpoints.MapGroup(RealtimeGatewayApplicationExtensions.ApiPrefix).RequireAuthorization();

        // Every endpoint may answer with these problem details (error_code tells them apart); see docs/api.md.
        foreach (var status in (int[])[400, 401, 403, 404, 409, 413, 415, 503])
        {
            api.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }


        api.MapMeEndpoint();
        api.MapUserGroup()
            .MapProfileEndpoints()
            .MapBalanceEndpoints()
            .MapNotificationEndpoints()
            .MapActivityEndpoints()
            .MapSendToUserEndpoint()
            .MapCheckInEndpoints();
        api.MapBroadcastEndpoint();
        api.MapLibraryEndpoints();
        api.MapSyncEndpoints();
        api.MapConversationEndpoints();
        api.MapSystemEndpoints();
        return endpoints;
    }
}
