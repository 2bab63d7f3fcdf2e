using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>Maps the Engine.IO v4 / Socket.IO v5 endpoint.</summary>
public static class SocketIoEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves Socket.IO at <paramref name="pattern"/> (socket.io-client's default path): polling GET/POST and
    /// WebSocket requests. The endpoint brings its own WebSocket middleware, so the app needs no
    /// <c>UseWebSockets</c>. Chain the returned builder for CORS, rate limits or authorization metadata.
    /// Requires <see cref="SocketIoServiceCollectionExtensions.AddSocketIo(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>
    /// and a registered <see cref="ISocketIoHandler"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapSocketIo(this IEndpointRouteBuilder endpoints, string pattern = "/socket.io/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (endpoints.ServiceProvider.GetService<ISocketIoHandler>() is null)
        {
            throw new InvalidOperationException($"MapSocketIo needs an {nameof(ISocketIoHandler)} in the services: register one, or call AddSocketIo<THandler>.");
        }

        var server = endpoints.ServiceProvider.GetService<EngineIoServer>()
            ?? throw new InvalidOperationException("MapSocketIo needs the Socket.IO services: call services.AddSocketIo(configuration) first.");

        // The WebSocket middleware only for this endpoint: it is what turns an upgrade request into one
        // that HttpContext.WebSockets can accept, and it leaves requests that are not upgrades alone.
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(server.HandleAsync);
        return endpoints.Map(pattern, pipeline.Build()).WithDisplayName("Socket.IO");
    }
}
