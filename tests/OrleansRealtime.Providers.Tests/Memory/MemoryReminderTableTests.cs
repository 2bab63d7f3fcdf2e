using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.Memory;

public sealed class MemoryReminderTableTests : ReminderTableContractTests
{
    private readonly MemoryReminderTable _table = new();

    protected override IReminderTable CreateSut() => _table;

    protected override IReminderTable CreateSecondInstanceOnSameStore() => _table;
}
