namespace OrleansRealtime.Abstractions.Invocation;

/// <summary>Per-method scheduling and delivery options, fixed at code-generation time.</summary>
[Flags]
public enum InvokeFlags
{
    None = 0,
    ReadOnly = 1,
    AlwaysInterleave = 2,
    OneWay = 4,
}
