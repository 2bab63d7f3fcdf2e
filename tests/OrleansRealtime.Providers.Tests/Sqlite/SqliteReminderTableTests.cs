using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.Sqlite;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.Sqlite;

public sealed class SqliteReminderTableTests : ReminderTableContractTests, IDisposable
{
    private readonly SqliteTestFile _file = new();

    protected override IReminderTable CreateSut() => new SqliteReminderTable(_file.Options());

    protected override IReminderTable CreateSecondInstanceOnSameStore() => new SqliteReminderTable(_file.Options());

    public void Dispose() => _file.Dispose();
}
