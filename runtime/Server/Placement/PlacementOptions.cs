using OrleansRealtime.Abstractions.Placement;

namespace OrleansRealtime.Server.Placement;

/// <summary>Placement of new activations in a cluster, bound from <c>Realtime:Placement</c>.</summary>
public sealed class PlacementOptions
{
    public const string SectionName = "Realtime:Placement";

    /// <summary>
    /// The strategy for grain classes without a placement attribute: <c>Random</c> (the default, as in Orleans) or
    /// <c>PreferLocal</c>.
    /// </summary>
    public string DefaultStrategy { get; set; } = RandomPlacementAttribute.Name;

    internal static string? Validate(PlacementOptions o) =>
        o.DefaultStrategy is RandomPlacementAttribute.Name or PreferLocalPlacementAttribute.Name
            ? null
            : $"DefaultStrategy must be '{RandomPlacementAttribute.Name}' or '{PreferLocalPlacementAttribute.Name}', but is '{o.DefaultStrategy}'.";
}
