using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Abstractions.Placement;
using OrleansRealtime.Server.Catalog;

namespace OrleansRealtime.Server.Placement;

/// <summary>
/// Picks the silo a grain without an activation is first tried on, among the silos the local membership view shows
/// active (always including this silo, which may not see itself active yet while it joins). The choice needs no
/// coordination: two silos placing one grain at once may pick different silos, and the directory's first-insert-wins
/// register then keeps one activation and redirects the other's calls.
/// </summary>
internal sealed class PlacementDirector(GrainTypeManifest manifest, IOptions<PlacementOptions> options)
{
    private readonly bool _preferLocalByDefault = options.Value.DefaultStrategy == PreferLocalPlacementAttribute.Name;

    public SiloAddress Choose(GrainId grainId, SiloAddress local, IReadOnlyList<SiloAddress> activeSilos)
    {
        if (PrefersLocal(grainId.Type) || activeSilos.Count == 0)
        {
            return local;
        }

        bool includesLocal = activeSilos.Contains(local);
        int count = activeSilos.Count + (includesLocal ? 0 : 1);
        int pick = Random.Shared.Next(count);
        return pick < activeSilos.Count ? activeSilos[pick] : local;
    }

    private bool PrefersLocal(string grainType)
    {
        // A grain type this silo does not host (a heterogeneous cluster) follows the default.
        var strategy = manifest.TryGetClass(grainType, out var info) ? info.Placement : null;
        return strategy is null ? _preferLocalByDefault : strategy == PreferLocalPlacementAttribute.Name;
    }
}
