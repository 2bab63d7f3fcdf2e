using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Abstractions.Reminders;

/// <summary>
/// Implemented by grains that register reminders. Each tick is an ordinary (non-interleaving) grain call
/// that activates the grain if needed. Delivery is at least once per tick while a silo runs: a tick that
/// fails or times out is not retried, the next tick comes at its period.
/// </summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}
