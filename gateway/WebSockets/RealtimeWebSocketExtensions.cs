using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Conversations;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>
/// Maps the raw WebSocket endpoints of documents 002 and 003 (see docs/protocol.md). Each needs a valid
/// token (401 before the upgrade otherwise); the document 002 channels also check the route's user.
/// </summary>
public static class RealtimeWebSocketExtensions
{
    public static IEndpointRouteBuilder MapRealtimeWebSockets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/ws", (HttpContext context, WebSocketRunner runner, EventsChannel channel) =>
                RealtimePrincipal.From(context.User) is { } caller ? runner.RunAsync(context, caller.UserId, channel) : Unauthorized(context))
            .RequireAuthorization().ExcludeFromDescription();

        endpoints.Map("/ws/notifications/{user_id}", (HttpContext context, string user_id, WebSocketRunner runner) =>
            {
                var caller = RealtimePrincipal.From(context.User);
                if (caller is null)
                {
                    return Unauthorized(context);
                }

                // Document 002: a user watches their own channel; an admin may watch anyone's.
                return caller.UserId == user_id || caller.IsAdmin
                    ? runner.RunAsync(context, user_id, NotificationsChannel.Instance)
                    : Forbidden(context, "The token's subject is not this channel's user_id (only role admin may watch another user).");
            })
            .RequireAuthorization().ExcludeFromDescription();

        endpoints.Map("/ws/{workflow}/{app_id}/{chat_id}/{user_id}", (HttpContext context, string workflow, string app_id, string chat_id, string user_id, WebSocketRunner runner, SessionServices services) =>
            {
                var caller = RealtimePrincipal.From(context.User);
                if (caller is null)
                {
                    return Unauthorized(context);
                }

                if (caller.UserId != user_id)
                {
                    return Forbidden(context, "The route's user_id must be the token's subject.");
                }

                if (!ConversationKeys.IsSegment(workflow) || !ConversationKeys.IsSegment(app_id) || !ConversationKeys.IsSegment(chat_id))
                {
                    return ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidInput,
                        "workflow, app_id and chat_id must each be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'.");
                }

                var channel = new ChatChannel(services, ConversationKeys.ForChannel(workflow, app_id, chat_id, user_id));
                return runner.RunAsync(context, user_id, channel);
            })
            .RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }

    internal static IServiceCollection AddRealtimeWebSockets(this IServiceCollection services)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<SessionServices>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<Delivery.GatewayStreams>();
        services.AddSingleton<Delivery.UserFeedHub>();
        services.AddSingleton<WebSocketRunner>();
        services.AddSingleton<KeepAlive.KeepAliveSweep>();
        services.AddSingleton<EventsChannel>();
        services.AddHostedService<Delivery.BroadcastFeed>();
        return services;
    }

    private static Task Unauthorized(HttpContext context) =>
        ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiErrorCodes.MissingToken, "A token is required.");

    private static Task Forbidden(HttpContext context, string detail) =>
        ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, ApiErrorCodes.Forbidden, detail);
}
