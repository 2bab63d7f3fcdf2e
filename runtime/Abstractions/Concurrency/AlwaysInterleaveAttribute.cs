namespace OrleansRealtime.Abstractions.Concurrency;

/// <summary>Calls to this interface method may interleave with any other request of the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
