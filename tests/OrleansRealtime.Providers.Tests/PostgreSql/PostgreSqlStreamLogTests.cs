using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

public sealed class PostgreSqlStreamLogTests(PostgreSqlSchemaFixture database) : StreamLogContractTests, IClassFixture<PostgreSqlSchemaFixture>
{
    protected override IStreamLog CreateSut() => new PostgreSqlStreamLog(database.First);

    protected override IStreamLog CreateSecondInstanceOnSameStore() => new PostgreSqlStreamLog(database.Second);
}
