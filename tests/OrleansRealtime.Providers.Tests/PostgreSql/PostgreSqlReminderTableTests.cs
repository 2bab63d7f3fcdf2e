using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlReminderTableTests(PostgreSqlSchemaFixture database) : ReminderTableContractTests, IClassFixture<PostgreSqlSchemaFixture>
{
    protected override IReminderTable CreateSut() => new PostgreSqlReminderTable(database.First);

    protected override IReminderTable CreateSecondInstanceOnSameStore() => new PostgreSqlReminderTable(database.Second);
}
