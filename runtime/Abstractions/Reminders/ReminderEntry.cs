using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Reminders;

/// <summary>One durable reminder row: ticks fall at <see cref="StartAt"/> + n × <see cref="Period"/>.</summary>
public sealed record ReminderEntry
{
    public required GrainId GrainId { get; init; }

    public required string ReminderName { get; init; }

    public required DateTimeOffset StartAt { get; init; }

    public required TimeSpan Period { get; init; }

    /// <summary>The row version; null for a row not yet stored.</summary>
    public string? ETag { get; init; }
}
