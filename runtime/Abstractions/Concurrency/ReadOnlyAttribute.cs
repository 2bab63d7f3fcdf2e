namespace OrleansRealtime.Abstractions.Concurrency;

/// <summary>
/// The method does not change grain state, so it may interleave with other <c>[ReadOnly]</c> calls (but
/// never with a normal request).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
