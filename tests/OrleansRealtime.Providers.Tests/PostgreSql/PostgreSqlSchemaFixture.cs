using Npgsql;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

/// <summary>
/// One schema per test class, created before its first test and dropped after its last, with two data
/// sources over it: two connection pools, as two silos (or a silo before and after a restart) would have.
/// </summary>
public sealed class PostgreSqlSchemaFixture : IAsyncLifetime
{
    private NpgsqlDataSource? _first;
    private NpgsqlDataSource? _second;

    public string Schema { get; } = PostgreSqlTestDatabase.NewSchemaName("providers");

    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource First => _first ?? throw new InvalidOperationException("The schema fixture did not initialize.");

    public NpgsqlDataSource Second => _second ?? throw new InvalidOperationException("The schema fixture did not initialize.");

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgreSqlTestDatabase.CreateSchemaAsync(Schema).WithTimeout();
        _first = NpgsqlDataSource.Create(ConnectionString);
        _second = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var dataSource in new[] { _first, _second })
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync().WithTimeout();
            }
        }

        if (ConnectionString.Length > 0)
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(Schema).WithTimeout();
        }
    }
}
