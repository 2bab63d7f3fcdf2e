namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// One vote in a membership row's suspect list: <paramref name="Suspecter"/> suspected the row's silo at
/// <paramref name="At"/>. Orleans' <c>SuspectTimes</c> entries; kept for a probe-based failure detector.
/// </summary>
public readonly record struct SuspectTime(SiloAddress Suspecter, DateTimeOffset At);
