using Npgsql;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (one connection pool) per connection string for the providers of one
/// silo, disposed with the silo's service provider.
/// </summary>
internal sealed class PostgreSqlDataSources : IAsyncDisposable, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);
    private bool _disposed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _sources.Count;
            }
        }
    }

    public NpgsqlDataSource Get(string connectionString)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_sources.TryGetValue(connectionString, out var source))
            {
                // Creating a data source only parses the string; no connection is opened here.
                source = NpgsqlDataSource.Create(connectionString);
                _sources.Add(connectionString, source);
            }

            return source;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in TakeAll())
        {
            await source.DisposeAsync();
        }
    }

    /// <summary>For containers disposed synchronously.</summary>
    public void Dispose()
    {
        foreach (var source in TakeAll())
        {
            source.Dispose();
        }
    }

    private NpgsqlDataSource[] TakeAll()
    {
        lock (_lock)
        {
            _disposed = true;
            NpgsqlDataSource[] sources = [.. _sources.Values];
            _sources.Clear();
            return sources;
        }
    }
}
