using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

/// <summary>Each tick n of reminder r signals "reminder:{key}:{r}:{n}" with its TickStatus.</summary>
[GrainType("test.reminder")]
public sealed class ReminderGrain : Grain, IReminderGrain, IRemindable
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<string[]> List() => [.. (await GetReminders()).Select(r => r.ReminderName).Order()];

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var n = Counters.Increment($"reminder:{GrainId.Key}:{reminderName}");
        Signals.Set($"reminder:{GrainId.Key}:{reminderName}:{n}", status);
        return Task.CompletedTask;
    }
}
