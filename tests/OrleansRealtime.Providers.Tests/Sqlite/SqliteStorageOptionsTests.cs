using OrleansRealtime.Providers.Sqlite;
using OrleansRealtime.Providers.Sqlite.Internal;

namespace OrleansRealtime.Providers.Tests.Sqlite;

public sealed class SqliteStorageOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndPointUnderData()
    {
        var options = new SqliteStorageOptions();

        Assert.Empty(SqliteStorageOptionsValidator.Failures(options));
        Assert.Equal("Data Source=./data/realtime.db", options.ConnectionString);
    }

    [Theory]
    [InlineData("", "ConnectionString")]
    [InlineData("Data Source=:memory:", "Data Source is ':memory:'")]
    [InlineData("Data Source=x.db;Bogus=1", "not a valid SQLite connection string")]
    public void InvalidConnectionString_IsRejectedNamingThePropertyAndValue(string connectionString, string expected)
    {
        var failures = SqliteStorageOptionsValidator.Failures(new SqliteStorageOptions { ConnectionString = connectionString });

        var failure = Assert.Single(failures);
        Assert.Contains("Realtime:Storage:Sqlite:ConnectionString", failure);
        Assert.Contains(expected, failure);
    }

    [Fact]
    public void NonPositiveBusyTimeout_IsRejectedNamingTheValue()
    {
        var failure = Assert.Single(SqliteStorageOptionsValidator.Failures(new SqliteStorageOptions { BusyTimeout = TimeSpan.Zero }));

        Assert.Contains("Realtime:Storage:Sqlite:BusyTimeout", failure);
        Assert.Contains("00:00:00", failure);
    }

    [Fact]
    public void Constructor_RejectsInvalidOptions() =>
        Assert.Throws<ArgumentException>(() => new SqliteGrainStorage(new SqliteStorageOptions { ConnectionString = "" }));
}
