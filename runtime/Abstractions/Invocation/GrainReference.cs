using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Invocation;

/// <summary>
/// Base class of the generated proxies. A reference is an immutable (grain id, interface) pair bound to the
/// runtime that sends its calls; two references are equal when their grain ids are equal.
/// </summary>
public abstract class GrainReference(GrainId grainId, Type interfaceType, IGrainCallInvoker invoker) : IAddressable, IEquatable<GrainReference>
{
    public GrainId GrainId { get; } = grainId;

    public Type InterfaceType { get; } = interfaceType;

    protected IGrainCallInvoker Invoker { get; } = invoker;

    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";
}
