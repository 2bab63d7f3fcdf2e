namespace OrleansRealtime.Abstractions.Placement;

/// <summary>
/// A new activation starts on the silo that made the call, when that silo is active; otherwise on a random active
/// silo (a call from a client lands on the client's gateway silo). As Orleans' <c>PreferLocalPlacement</c>.
/// </summary>
public sealed class PreferLocalPlacementAttribute : PlacementAttribute
{
    public const string Name = "PreferLocal";

    public override string Strategy => Name;
}
