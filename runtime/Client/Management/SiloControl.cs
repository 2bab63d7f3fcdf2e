using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Client.Management;

/// <summary>Addresses a silo's <see cref="ISiloControlGrain"/>.</summary>
public static class SiloControl
{
    /// <summary>The grain type of the control grains; the router sends them to the silo their key names.</summary>
    public const string GrainType = "sys.silo";

    public static ISiloControlGrain For(IGrainFactory grains, SiloAddress silo) =>
        grains.GetGrain<ISiloControlGrain>(silo.ToParsableString());
}
