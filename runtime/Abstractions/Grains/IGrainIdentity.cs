using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Grains;

/// <summary>Anything that knows its grain id: references and grain instances.</summary>
public interface IGrainIdentity
{
    GrainId GrainId { get; }
}
