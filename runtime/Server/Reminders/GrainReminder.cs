using OrleansRealtime.Abstractions.Reminders;

namespace OrleansRealtime.Server.Reminders;

/// <summary>A reminder handle: its name and the row version it was read or written at.</summary>
internal sealed record GrainReminder(string ReminderName, string ETag) : IGrainReminder;
