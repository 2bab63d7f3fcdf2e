using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>Creates references bound to the local runtime; used when deserializing references.</summary>
public interface IGrainReferenceFactory
{
    GrainReference CreateReference(GrainId grainId, Type interfaceType);
}
