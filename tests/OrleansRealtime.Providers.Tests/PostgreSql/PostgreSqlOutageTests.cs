using Npgsql;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

/// <summary>
/// The providers talk to the real server through a <see cref="TcpForwarder"/> that can cut the line. While
/// cut, every call throws <see cref="GrainStorageException"/>; once restored, the same provider instance
/// works again without a restart, including one whose very first call (schema creation) failed.
/// </summary>
public sealed class PostgreSqlOutageTests(PostgreSqlSchemaFixture database) : IClassFixture<PostgreSqlSchemaFixture>, IAsyncLifetime
{
    private TcpForwarder? _forwarder;
    private NpgsqlDataSource? _dataSource;

    private TcpForwarder Forwarder => _forwarder!;

    private NpgsqlDataSource DataSource => _dataSource!;

    public Task InitializeAsync()
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        _forwarder = new TcpForwarder(target.Host!, target.Port);

        // No pooling: every call opens a new connection through the forwarder, as after a real outage.
        var viaForwarder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = Forwarder.Port,
            Pooling = false,
            Timeout = 5,
        };
        _dataSource = NpgsqlDataSource.Create(viaForwarder.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().WithTimeout();
        }

        if (_forwarder is not null)
        {
            await _forwarder.DisposeAsync().WithTimeout();
        }
    }

    [Fact]
    public async Task GrainStorage_WhileUnreachable_ThrowsGrainStorageException_ThenWorksOnceReachable()
    {
        var sut = new PostgreSqlGrainStorage(DataSource);
        var grain = new GrainId("outage", TestTimeouts.NewKey());
        var etag = await sut.WriteAsync("state", grain, new byte[] { 1 }, null).WithTimeout();

        Forwarder.Pause();
        var readFailure = await Assert.ThrowsAsync<GrainStorageException>(() => sut.ReadAsync("state", grain)).WithTimeout();
        var writeFailure = await Assert.ThrowsAsync<GrainStorageException>(() => sut.WriteAsync("state", grain, new byte[] { 2 }, etag)).WithTimeout();
        await Assert.ThrowsAsync<GrainStorageException>(() => sut.ClearAsync("state", grain, etag)).WithTimeout();
        Forwarder.Resume();

        Assert.IsAssignableFrom<NpgsqlException>(readFailure.InnerException);
        Assert.Contains(grain.ToString(), writeFailure.Message);
        var stored = await sut.ReadAsync("state", grain).WithTimeout();
        Assert.Equal(etag, stored!.Etag);
        Assert.Equal(new byte[] { 1 }, stored.Payload);
        Assert.Equal("2", await sut.WriteAsync("state", grain, new byte[] { 2 }, etag).WithTimeout());
    }

    [Fact]
    public async Task GrainStorage_WhoseFirstCallFails_CreatesTheSchemaOnALaterCall()
    {
        Forwarder.Pause();
        var sut = new PostgreSqlGrainStorage(DataSource);
        var grain = new GrainId("outage", TestTimeouts.NewKey());

        await Assert.ThrowsAsync<GrainStorageException>(() => sut.EnsureSchemaAsync()).WithTimeout();
        await Assert.ThrowsAsync<GrainStorageException>(() => sut.WriteAsync("state", grain, new byte[] { 1 }, null)).WithTimeout();
        Forwarder.Resume();

        Assert.Equal("1", await sut.WriteAsync("state", grain, new byte[] { 1 }, null).WithTimeout());
    }

    [Fact]
    public async Task ReminderTable_WhileUnreachable_ThrowsGrainStorageException_ThenWorksOnceReachable()
    {
        var sut = new PostgreSqlReminderTable(DataSource);
        var grain = new GrainId("outage", TestTimeouts.NewKey());
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "tick", StartAt = DateTimeOffset.UnixEpoch, Period = TimeSpan.FromMinutes(1) };
        var etag = await sut.UpsertRowAsync(entry).WithTimeout();

        Forwarder.Pause();
        await Assert.ThrowsAsync<GrainStorageException>(() => sut.ReadRowsAsync(grain)).WithTimeout();
        await Assert.ThrowsAsync<GrainStorageException>(() => sut.ReadRowsAsync(0u, 0u)).WithTimeout();
        await Assert.ThrowsAsync<GrainStorageException>(() => sut.UpsertRowAsync(entry)).WithTimeout();
        await Assert.ThrowsAsync<GrainStorageException>(() => sut.RemoveRowAsync(grain, "tick", etag)).WithTimeout();
        Forwarder.Resume();

        Assert.Equal(etag, (await sut.ReadRowAsync(grain, "tick").WithTimeout())!.ETag);
        Assert.True(await sut.RemoveRowAsync(grain, "tick", etag).WithTimeout());
    }
}
