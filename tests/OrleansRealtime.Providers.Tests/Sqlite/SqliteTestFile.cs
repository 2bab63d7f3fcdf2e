using Microsoft.Data.Sqlite;
using OrleansRealtime.Providers.Sqlite;

namespace OrleansRealtime.Providers.Tests.Sqlite;

/// <summary>A SQLite database file of its own under the temp directory, deleted (with its WAL files) on dispose.</summary>
public sealed class SqliteTestFile : IDisposable
{
    public SqliteTestFile()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "realtime-providers-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Directory, "runtime.db");
        ConnectionString = $"Data Source={Path}";
    }

    /// <summary>Not created here: the provider creates it on first use.</summary>
    public string Directory { get; }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteStorageOptions Options() => new() { ConnectionString = ConnectionString };

    public void Dispose()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
