namespace OrleansRealtime.Abstractions.Concurrency;

/// <summary>
/// Declares that instances of this type are never mutated after construction, so in-process calls may pass
/// them without a copy. Lying here breaks the copy boundary: the caller and the grain would share state.
/// Across processes the type is still serialized.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
