namespace OrleansRealtime.Abstractions.Placement;

/// <summary>
/// Base of the placement attributes: on a grain class, picks the silo a new activation of it starts on when the
/// grain has no activation anywhere. Placement only decides where a grain is first tried; the grain directory still
/// decides which activation wins, so a placement attribute can never cause two live activations. As Orleans'
/// <c>PlacementAttribute</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public abstract class PlacementAttribute : Attribute
{
    /// <summary>The strategy's name, as <c>Realtime:Placement:DefaultStrategy</c> spells it.</summary>
    public abstract string Strategy { get; }
}
