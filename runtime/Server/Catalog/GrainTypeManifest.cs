using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Client.Runtime;

namespace OrleansRealtime.Server.Catalog;

/// <summary>
/// The silo's grain classes, by grain type and by interface. Built once at start; read-only after, so
/// lookups need no lock. Two classes claiming one grain type fail the start.
/// </summary>
public sealed class GrainTypeManifest : IGrainTypeResolver
{
    private readonly Dictionary<string, GrainClassInfo> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClassInfo>> _byInterface = [];

    public GrainTypeManifest(IOptions<GrainTypeOptions> options)
    {
        foreach (var grainClass in options.Value.Classes)
        {
            var info = new GrainClassInfo(grainClass);
            if (!_byType.TryAdd(info.GrainType, info))
            {
                throw new InvalidOperationException($"Grain classes {_byType[info.GrainType].GrainClass.FullName} and {grainClass.FullName} both use grain type '{info.GrainType}'; give one a [GrainType] name.");
            }

            foreach (var grainInterface in info.GrainInterfaces)
            {
                GrainInterfaceRegistry.EnsureRegistered(grainInterface);
                if (!_byInterface.TryGetValue(grainInterface, out var list))
                {
                    _byInterface[grainInterface] = list = [];
                }

                list.Add(info);
            }
        }
    }

    public IEnumerable<GrainClassInfo> Classes => _byType.Values;

    public bool TryGetClass(string grainType, out GrainClassInfo info) => _byType.TryGetValue(grainType, out info!);

    public string ResolveGrainType(Type interfaceType, string? grainClassNamePrefix)
    {
        if (!_byInterface.TryGetValue(interfaceType, out var candidates) || candidates.Count == 0)
        {
            throw new GrainTypeNotRegisteredException($"No grain class implementing {interfaceType.FullName} is registered in this silo.");
        }

        // Every grain reference resolves here: the common case, one class and no prefix, allocates no closure.
        if (grainClassNamePrefix is null && candidates.Count == 1)
        {
            return candidates[0].GrainType;
        }

        return ResolveAmong(interfaceType, candidates, grainClassNamePrefix);
    }

    private static string ResolveAmong(Type interfaceType, IReadOnlyList<GrainClassInfo> candidates, string? grainClassNamePrefix)
    {
        if (grainClassNamePrefix is not null)
        {
            candidates = [.. candidates.Where(c => (c.GrainClass.FullName ?? c.GrainClass.Name).StartsWith(grainClassNamePrefix, StringComparison.Ordinal)
                || c.GrainClass.Name.StartsWith(grainClassNamePrefix, StringComparison.Ordinal))];
        }

        return candidates.Count switch
        {
            1 => candidates[0].GrainType,
            0 => throw new GrainTypeNotRegisteredException($"No grain class implementing {interfaceType.FullName} matches the prefix '{grainClassNamePrefix}'."),
            _ => throw new GrainTypeNotRegisteredException($"Several grain classes implement {interfaceType.FullName} ({string.Join(", ", candidates.Select(c => c.GrainClass.Name))}); pass a grain class name prefix."),
        };
    }
}
