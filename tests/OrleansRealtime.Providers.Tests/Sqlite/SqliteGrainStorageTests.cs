using Microsoft.Data.Sqlite;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.Sqlite;
using OrleansRealtime.Providers.Tests.Contracts;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Sqlite;

public sealed class SqliteGrainStorageTests : GrainStorageContractTests, IDisposable
{
    private readonly SqliteTestFile _file = new();

    protected override IGrainStorage CreateSut() => new SqliteGrainStorage(_file.Options());

    protected override IGrainStorage CreateSecondInstanceOnSameStore() => new SqliteGrainStorage(_file.Options());

    protected override async Task CreateSchemaTwiceAsync()
    {
        // As a DBA would: the shipped file, twice, on a plain connection.
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sql", "sqlite", "001_runtime.sql")).WithTimeout();
        await using (var connection = new SqliteConnection(_file.ConnectionString))
        {
            await connection.OpenAsync().WithTimeout();
            for (int i = 0; i < 2; i++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = script;
                await command.ExecuteNonQueryAsync().WithTimeout();
            }
        }

        // As two silos would: each provider instance creates it once, concurrently.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new SqliteGrainStorage(_file.Options()).EnsureSchemaAsync())).WithTimeout();
    }

    [Fact]
    public async Task FirstUse_CreatesTheDirectory_AndSwitchesToWal()
    {
        var sut = CreateSut();

        await sut.WriteAsync("s", new GrainId("t", "k"), new byte[] { 1 }, null).WithTimeout();

        Assert.True(File.Exists(_file.Path));
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync().WithTimeout();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync().WithTimeout());
    }

    [Fact]
    public async Task UnusableFile_ThrowsGrainStorageException_AndWorksOnceFixed()
    {
        // A directory where the database file should be: opening fails until it is removed.
        Directory.CreateDirectory(_file.Path);
        var sut = CreateSut();
        var grain = new GrainId("t", TestTimeouts.NewKey());

        var failure = await Assert.ThrowsAsync<GrainStorageException>(() => sut.ReadAsync("s", grain)).WithTimeout();
        Assert.IsType<SqliteException>(failure.InnerException);

        Directory.Delete(_file.Path);
        Assert.Equal("1", await sut.WriteAsync("s", grain, new byte[] { 1 }, null).WithTimeout());
    }

    public void Dispose() => _file.Dispose();
}
