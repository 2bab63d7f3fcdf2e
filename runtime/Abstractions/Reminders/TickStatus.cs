using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Reminders;

/// <summary>When a reminder tick was due: its first tick, its period and this tick's time.</summary>
[Immutable]
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
