namespace OrleansRealtime.Abstractions.Placement;

/// <summary>A new activation starts on a random active silo (Orleans' default strategy).</summary>
public sealed class RandomPlacementAttribute : PlacementAttribute
{
    public const string Name = "Random";

    public override string Strategy => Name;
}
