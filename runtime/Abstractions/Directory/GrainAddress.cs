using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Abstractions.Directory;

/// <summary>
/// Where one activation of a grain lives: the grain, the silo (address and generation) and the activation.
/// An entry of the grain directory. Equal when all three are equal. As Orleans' <c>GrainAddress</c>.
/// </summary>
public sealed record GrainAddress
{
    public required GrainId GrainId { get; init; }

    public required SiloAddress SiloAddress { get; init; }

    public required ActivationId ActivationId { get; init; }

    public override string ToString() => $"{GrainId} on {SiloAddress} as {ActivationId}";
}
