using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansRealtime.Server.Core;

internal static class ServiceProviderLogging
{
    public static ILogger GetLogger<T>(this IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? (ILogger)NullLogger.Instance;
}
