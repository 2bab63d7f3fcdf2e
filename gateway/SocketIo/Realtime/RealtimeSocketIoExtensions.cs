using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.WebSockets;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>Maps document 001's Socket.IO endpoint (the handler is registered by <c>AddRealtimeGateway</c>).</summary>
public static class RealtimeSocketIoExtensions
{
    /// <summary>
    /// <see cref="SocketIoEndpointRouteBuilderExtensions.MapSocketIo"/> behind the gateway's Origin allowlist
    /// (<c>Realtime:Gateway:AllowedOrigins</c>): every Engine.IO request (handshake, poll, upgrade) whose
    /// <c>Origin</c> is not on it gets 403 <c>origin_not_allowed</c>, as the raw endpoints' handshakes do.
    /// </summary>
    public static IEndpointConventionBuilder MapRealtimeSocketIo(this IEndpointRouteBuilder endpoints, string pattern = "/socket.io/")
    {
        var builder = endpoints.MapSocketIo(pattern);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<RealtimeGatewayOptions>>();
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException("The Socket.IO endpoint has no request delegate.");
            endpoint.RequestDelegate = context => WebSocketHandshake.OriginAllowed(context.Request, options.Value)
                ? inner(context)
                : ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "origin_not_allowed",
                    "The page's origin is not on this gateway's Realtime:Gateway:AllowedOrigins list.");
        });
        return builder;
    }
}
