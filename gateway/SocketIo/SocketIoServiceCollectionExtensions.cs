using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Hosting.Internal;
using OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>Registers the Socket.IO endpoint's services; map it with <see cref="SocketIoEndpointRouteBuilderExtensions.MapSocketIo"/>.</summary>
public static class SocketIoServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="SocketIoOptions"/> from <c>Realtime:SocketIo</c> (a bad value fails the
    /// host's start, naming the property and the value) and registers the Engine.IO server. The application
    /// registers its <see cref="ISocketIoHandler"/> itself, or uses <see cref="AddSocketIo{THandler}"/>.
    /// </summary>
    public static IServiceCollection AddSocketIo(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SocketIoOptions>().Bind(configuration.GetSection(SocketIoOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SocketIoOptions>>(
            new RuleValidator<SocketIoOptions>(SocketIoOptions.SectionName, SocketIoOptions.Rules())));
        services.TryAddSingleton<EngineIoServer>();
        return services;
    }

    /// <summary>As <see cref="AddSocketIo(IServiceCollection, IConfiguration)"/>, with <typeparamref name="THandler"/> as the singleton handler.</summary>
    public static IServiceCollection AddSocketIo<THandler>(this IServiceCollection services, IConfiguration configuration)
        where THandler : class, ISocketIoHandler
    {
        services.TryAddSingleton<ISocketIoHandler, THandler>();
        return services.AddSocketIo(configuration);
    }
}
