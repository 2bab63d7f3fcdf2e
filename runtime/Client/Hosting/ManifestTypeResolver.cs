using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Client.Runtime;

namespace OrleansRealtime.Client.Hosting;

/// <summary>Resolves grain interfaces to grain types from a <see cref="ClusterManifest"/>, with the silo's rules for class name prefixes.</summary>
internal sealed class ManifestTypeResolver : IGrainTypeResolver
{
    private readonly Dictionary<string, List<ClusterManifest.GrainClass>> _byInterface = new(StringComparer.Ordinal);

    public ManifestTypeResolver(ClusterManifest manifest)
    {
        foreach (var grainClass in manifest.Classes)
        {
            foreach (var grainInterface in grainClass.Interfaces)
            {
                if (!_byInterface.TryGetValue(grainInterface, out var list))
                {
                    _byInterface[grainInterface] = list = [];
                }

                list.Add(grainClass);
            }
        }
    }

    public string ResolveGrainType(Type interfaceType, string? grainClassNamePrefix)
    {
        var name = interfaceType.FullName ?? interfaceType.Name;
        if (!_byInterface.TryGetValue(name, out var candidates) || candidates.Count == 0)
        {
            throw new GrainTypeNotRegisteredException($"No grain class implementing {name} is registered in the cluster.");
        }

        // Every grain reference resolves here: the common case, one class and no prefix, allocates no closure.
        return grainClassNamePrefix is null && candidates.Count == 1
            ? candidates[0].GrainType
            : ResolveAmong(name, candidates, grainClassNamePrefix);
    }

    private static string ResolveAmong(string name, IReadOnlyList<ClusterManifest.GrainClass> candidates, string? grainClassNamePrefix)
    {
        if (grainClassNamePrefix is not null)
        {
            candidates = [.. candidates.Where(c => c.ClassFullName.StartsWith(grainClassNamePrefix, StringComparison.Ordinal)
                || c.ClassName.StartsWith(grainClassNamePrefix, StringComparison.Ordinal))];
        }

        return candidates.Count switch
        {
            1 => candidates[0].GrainType,
            0 => throw new GrainTypeNotRegisteredException($"No grain class implementing {name} matches the prefix '{grainClassNamePrefix}'."),
            _ => throw new GrainTypeNotRegisteredException($"Several grain classes implement {name} ({string.Join(", ", candidates.Select(c => c.ClassName))}); pass a grain class name prefix."),
        };
    }
}
