namespace OrleansRealtime.Server.Reminders;

/// <summary>Reminder options, bound from <c>Realtime:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Realtime:Reminders";

    /// <summary>Shortest allowed period (Orleans: 1 minute). Lower it only in tests.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo re-reads the reminder table to pick up rows it did not write itself.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
