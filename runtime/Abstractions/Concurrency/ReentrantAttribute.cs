namespace OrleansRealtime.Abstractions.Concurrency;

/// <summary>
/// Lets requests to this grain class interleave at await points. Turns still never run in parallel: the
/// activation's scheduler runs one piece of grain code at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
