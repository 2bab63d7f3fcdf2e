using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Invocation;

/// <summary>
/// Process-wide table of generated proxies and request factories. Generated code fills it from a module
/// initializer; lookups for a type whose assembly has not run its initializer yet run it on demand.
/// Thread-safe; registration is idempotent.
/// </summary>
public static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, Func<GrainId, IGrainCallInvoker, GrainReference>> Proxies = new();
    private static readonly ConcurrentDictionary<string, Type> InterfacesByName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Interface, string Method), Func<GrainRequest>> Requests = new();

    public static void RegisterInterface(Type interfaceType, Func<GrainId, IGrainCallInvoker, GrainReference> proxyFactory)
    {
        Proxies[interfaceType] = proxyFactory;
        InterfacesByName[interfaceType.FullName!] = interfaceType;
    }

    public static void RegisterRequest(string interfaceName, string methodName, Func<GrainRequest> factory) =>
        Requests[(interfaceName, methodName)] = factory;

    /// <summary>Creates a proxy; throws <see cref="UnknownGrainInterfaceException"/> for a type without generated code.</summary>
    public static GrainReference CreateReference(Type interfaceType, GrainId grainId, IGrainCallInvoker invoker)
    {
        if (!Proxies.TryGetValue(interfaceType, out var factory))
        {
            RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
            if (!Proxies.TryGetValue(interfaceType, out factory))
            {
                throw new UnknownGrainInterfaceException(interfaceType.FullName ?? interfaceType.Name);
            }
        }

        return factory(grainId, invoker);
    }

    public static bool TryGetInterface(string interfaceName, out Type interfaceType) =>
        InterfacesByName.TryGetValue(interfaceName, out interfaceType!);

    /// <summary>Creates an empty request for a wire message; throws <see cref="UnknownGrainInterfaceException"/> when unknown.</summary>
    public static GrainRequest CreateRequest(string interfaceName, string methodName) =>
        Requests.TryGetValue((interfaceName, methodName), out var factory)
            ? factory()
            : throw new UnknownGrainInterfaceException($"{interfaceName}.{methodName}");

    /// <summary>Makes sure the generated code of the assembly declaring <paramref name="type"/> is registered.</summary>
    public static void EnsureRegistered(Type type) => RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
}
