using System.Diagnostics;
using System.Net;
using Npgsql;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.PostgreSql;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.PostgreSql;

/// <summary>
/// The membership table and the grain directory talk to the real server through a <see cref="TcpForwarder"/>.
/// Cut (connections reset), every call fails at once with the provider's exception; blackholed (the server
/// stops answering), every call fails with it once the command timeout has passed, with a
/// <see cref="TimeoutException"/> inside, and not much later. Once restored, the same instances work again.
/// </summary>
public sealed class PostgreSqlClusterOutageTests(PostgreSqlSchemaFixture database) : IClassFixture<PostgreSqlSchemaFixture>, IAsyncLifetime
{
    // Long enough that the set-up calls (schema creation over the forwarder) answer on a loaded CI machine; the
    // blackholed calls then fail at this deadline.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Far below the 30 s a silent server held Npgsql's own cancellation, and far above the deadline plus
    /// Npgsql's 2 s cancellation timeout, so a loaded CI machine cannot make it flaky: this tells "honours the
    /// deadline" from "waits for the network", it does not time the provider.
    /// </summary>
    private static readonly TimeSpan FailsWithin = CommandTimeout + TimeSpan.FromSeconds(14);

    private TcpForwarder? _forwarder;
    private NpgsqlDataSource? _pooled;
    private NpgsqlDataSource? _unpooled;

    private TcpForwarder Forwarder => _forwarder!;

    public Task InitializeAsync()
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        _forwarder = new TcpForwarder(target.Host!, target.Port);

        // A connect timeout far above the command timeout: the provider's deadline must be what ends a call.
        var viaForwarder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = Forwarder.Port, Timeout = 30 };
        _pooled = NpgsqlDataSource.Create(viaForwarder.ConnectionString);
        viaForwarder.Pooling = false;
        _unpooled = NpgsqlDataSource.Create(viaForwarder.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var dataSource in new[] { _pooled, _unpooled })
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync().WithTimeout();
            }
        }

        if (_forwarder is not null)
        {
            await _forwarder.DisposeAsync().WithTimeout();
        }
    }

    private static MembershipEntry Entry(SiloAddress silo) => new()
    {
        SiloAddress = silo,
        Status = SiloStatus.Active,
        SiloName = "outage",
        HostName = "outage-host",
        StartTime = DateTimeOffset.UnixEpoch,
        IAmAliveTime = DateTimeOffset.UnixEpoch,
    };

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + n), 1);

    private static GrainAddress Address() => new()
    {
        GrainId = new GrainId("outage", TestTimeouts.NewKey()),
        SiloAddress = Silo(1),
        ActivationId = ActivationId.NewId(),
    };

    /// <summary>Runs <paramref name="call"/>, expecting <typeparamref name="TException"/>, and says how long it took.</summary>
    private static async Task<(TException Failure, TimeSpan Elapsed)> FailureAsync<TException>(Func<Task> call)
        where TException : Exception
    {
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TException>(call).WithTimeout();
        return (failure, clock.Elapsed);
    }

    [Fact]
    public async Task MembershipTable_WhileUnreachable_ThrowsMembershipTableException_ThenWorksOnceReachable()
    {
        var sut = new PostgreSqlMembershipTable(_unpooled!, TestTimeouts.NewKey("cluster"), CommandTimeout);
        await sut.InitializeMembershipTableAsync(true).WithTimeout();
        var read = await sut.ReadAllAsync().WithTimeout();
        Assert.True(await sut.InsertRowAsync(Entry(Silo(1)), read.Version.Next()).WithTimeout());
        read = await sut.ReadAllAsync().WithTimeout();
        var (entry, etag) = Assert.Single(read.Members);

        Forwarder.Pause();
        var (readFailure, elapsed) = await FailureAsync<MembershipTableException>(() => sut.ReadAllAsync());
        await Assert.ThrowsAsync<MembershipTableException>(() => sut.ReadRowAsync(entry.SiloAddress)).WithTimeout();
        await Assert.ThrowsAsync<MembershipTableException>(() => sut.InsertRowAsync(Entry(Silo(2)), read.Version.Next())).WithTimeout();
        var updateFailure = await Assert.ThrowsAsync<MembershipTableException>(() => sut.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, read.Version.Next())).WithTimeout();
        await Assert.ThrowsAsync<MembershipTableException>(() => sut.UpdateIAmAliveAsync(entry)).WithTimeout();
        await Assert.ThrowsAsync<MembershipTableException>(() => sut.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UnixEpoch)).WithTimeout();
        await Assert.ThrowsAsync<MembershipTableException>(() => sut.InitializeMembershipTableAsync(true)).WithTimeout();
        Forwarder.Resume();

        Assert.True(elapsed < FailsWithin, $"failed after {elapsed}");
        Assert.IsAssignableFrom<NpgsqlException>(readFailure.InnerException);
        Assert.Contains(entry.SiloAddress.ToString(), updateFailure.Message);
        var after = await sut.ReadAllAsync().WithTimeout();
        Assert.Equal(read.Version, after.Version);
        Assert.True(await sut.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, read.Version.Next()).WithTimeout());
    }

    [Fact]
    public async Task MembershipTable_WhenTheServerStopsAnswering_FailsWithinTheCommandTimeout_ThenRecovers()
    {
        var sut = new PostgreSqlMembershipTable(_pooled!, TestTimeouts.NewKey("cluster"), CommandTimeout);
        await sut.InitializeMembershipTableAsync(true).WithTimeout();
        var read = await sut.ReadAllAsync().WithTimeout();
        Assert.True(await sut.InsertRowAsync(Entry(Silo(1)), read.Version.Next()).WithTimeout());

        Forwarder.Blackhole();
        var (heartbeat, heartbeatTook) = await FailureAsync<MembershipTableException>(() => sut.UpdateIAmAliveAsync(Entry(Silo(1))));
        var (readAll, readTook) = await FailureAsync<MembershipTableException>(() => sut.ReadAllAsync());
        Forwarder.Resume();

        foreach (var (failure, took) in new[] { (heartbeat, heartbeatTook), (readAll, readTook) })
        {
            Assert.IsType<TimeoutException>(failure.InnerException);
            Assert.Contains($"no answer within {CommandTimeout}", failure.Message);
            Assert.True(took >= CommandTimeout - TimeSpan.FromMilliseconds(50), $"failed after {took}, before the deadline");
            Assert.True(took < FailsWithin, $"failed after {took}");
        }

        Assert.True(await sut.UpdateIAmAliveAsync(Entry(Silo(1)) with { IAmAliveTime = DateTimeOffset.UnixEpoch.AddDays(1) }).WithTimeout());
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), Assert.Single((await sut.ReadAllAsync().WithTimeout()).Members).Entry.IAmAliveTime);
    }

    [Fact]
    public async Task MembershipTable_WhoseFirstCallMeetsASilentServer_TimesOut_AndCreatesTheSchemaLater()
    {
        Forwarder.Blackhole();
        var sut = new PostgreSqlMembershipTable(_unpooled!, TestTimeouts.NewKey("cluster"), CommandTimeout);

        var (failure, took) = await FailureAsync<MembershipTableException>(() => sut.InitializeMembershipTableAsync(true));
        Forwarder.Resume();

        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.True(took < FailsWithin, $"failed after {took}");
        await sut.InitializeMembershipTableAsync(true).WithTimeout();
        Assert.Equal(0, (await sut.ReadAllAsync().WithTimeout()).Version.Version);
    }

    [Fact]
    public async Task GrainDirectory_WhileUnreachable_ThrowsGrainDirectoryException_ThenWorksOnceReachable()
    {
        var sut = new PostgreSqlGrainDirectory(_unpooled!, TestTimeouts.NewKey("cluster"), CommandTimeout);
        var address = Address();
        Assert.Equal(address, await sut.RegisterAsync(address).WithTimeout());

        Forwarder.Pause();
        var (registerFailure, elapsed) = await FailureAsync<GrainDirectoryException>(() => sut.RegisterAsync(Address()));
        await Assert.ThrowsAsync<GrainDirectoryException>(() => sut.LookupAsync(address.GrainId)).WithTimeout();
        await Assert.ThrowsAsync<GrainDirectoryException>(() => sut.UnregisterAsync(address)).WithTimeout();
        await Assert.ThrowsAsync<GrainDirectoryException>(() => sut.UnregisterSilosAsync([address.SiloAddress])).WithTimeout();
        Forwarder.Resume();

        Assert.True(elapsed < FailsWithin, $"failed after {elapsed}");
        Assert.IsAssignableFrom<NpgsqlException>(registerFailure.InnerException);
        Assert.Equal(address, await sut.LookupAsync(address.GrainId).WithTimeout());
        Assert.True(await sut.UnregisterAsync(address).WithTimeout());
    }

    [Fact]
    public async Task GrainDirectory_WhenTheServerStopsAnswering_FailsWithinTheCommandTimeout_ThenRecovers()
    {
        var sut = new PostgreSqlGrainDirectory(_pooled!, TestTimeouts.NewKey("cluster"), CommandTimeout);
        var address = Address();
        Assert.Equal(address, await sut.RegisterAsync(address).WithTimeout());

        Forwarder.Blackhole();
        var (lookup, lookupTook) = await FailureAsync<GrainDirectoryException>(() => sut.LookupAsync(address.GrainId));
        var (register, registerTook) = await FailureAsync<GrainDirectoryException>(() => sut.RegisterAsync(Address()));
        Forwarder.Resume();

        foreach (var (failure, took) in new[] { (lookup, lookupTook), (register, registerTook) })
        {
            Assert.IsType<TimeoutException>(failure.InnerException);
            Assert.True(took >= CommandTimeout - TimeSpan.FromMilliseconds(50), $"failed after {took}, before the deadline");
            Assert.True(took < FailsWithin, $"failed after {took}");
        }

        Assert.Equal(address, await sut.LookupAsync(address.GrainId).WithTimeout());
    }

    [Fact]
    public async Task StreamLog_WhenTheServerStopsAnswering_FailsWithinTheCommandTimeout_ThenRecovers()
    {
        var sut = new PostgreSqlStreamLog(_pooled!, CommandTimeout);
        var stream = new StreamLogKey("outage", new StreamId("user", TestTimeouts.NewKey()));
        var entry = new StreamLogEntry(1, [1], DateTimeOffset.UnixEpoch);
        await sut.AppendAsync(stream, 1, [entry], 1).WithTimeout();

        Forwarder.Blackhole();
        var (append, appendTook) = await FailureAsync<StreamLogException>(() => sut.AppendAsync(stream, 1, [entry with { Sequence = 2 }], 2));
        var (read, readTook) = await FailureAsync<StreamLogException>(() => sut.ReadAfterAsync(stream, 1, 0, 10));
        Forwarder.Resume();

        foreach (var (failure, took) in new[] { (append, appendTook), (read, readTook) })
        {
            Assert.IsType<TimeoutException>(failure.InnerException);
            Assert.True(took >= CommandTimeout - TimeSpan.FromMilliseconds(50), $"failed after {took}, before the deadline");
            Assert.True(took < FailsWithin, $"failed after {took}");
        }

        // The abandoned append's outcome is unknown; retrying it is safe either way.
        await sut.AppendAsync(stream, 1, [entry with { Sequence = 2 }], 2).WithTimeout();
        Assert.Equal([1L, 2], (await sut.ReadAfterAsync(stream, 1, 0, 10).WithTimeout()).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task CancellingACall_ThrowsOperationCanceled_NotTheProvidersException()
    {
        var table = new PostgreSqlMembershipTable(_pooled!, TestTimeouts.NewKey("cluster"), TimeSpan.FromSeconds(20));
        var directory = new PostgreSqlGrainDirectory(_pooled!, TestTimeouts.NewKey("cluster"), TimeSpan.FromSeconds(20));
        await table.InitializeMembershipTableAsync(true).WithTimeout();

        Forwarder.Blackhole();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.ReadAllAsync(cancel.Token)).WithTimeout();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => directory.LookupAsync(new GrainId("outage", "k"), cancel.Token)).WithTimeout();
        Forwarder.Resume();
    }
}
