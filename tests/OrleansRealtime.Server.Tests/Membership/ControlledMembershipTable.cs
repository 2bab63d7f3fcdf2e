using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Tests.Membership;

/// <summary>
/// One silo's handle on a shared membership table: records the rows this silo wrote, can be made unreachable
/// (every call throws <see cref="MembershipTableException"/>, as a silo cut off from PostgreSQL sees it), and can
/// hold full reads at a <see cref="ReadGate"/> after they were taken, so two silos decide on the same version.
/// </summary>
public sealed class ControlledMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly List<(string Operation, MembershipEntry Entry, bool Written)> _writes = [];

    public bool Unreachable { get; set; }

    public ReadGate? ReadGate { get; set; }

    /// <summary>Every insert and update this silo attempted, in order, with whether it was written.</summary>
    public IReadOnlyList<(string Operation, MembershipEntry Entry, bool Written)> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken);
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        var data = await inner.ReadAllAsync(cancellationToken);
        if (ReadGate is { } gate)
        {
            await gate.ArriveAndWaitAsync();
        }

        return data;
    }

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.ReadRowAsync(silo, cancellationToken);
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return Record("insert", entry, await inner.InsertRowAsync(entry, tableVersion, cancellationToken));
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return Record("update", entry, await inner.UpdateRowAsync(entry, etag, tableVersion, cancellationToken));
    }

    public Task<bool> UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.UpdateIAmAliveAsync(entry, cancellationToken);
    }

    public Task<int> CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        return inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken);
    }

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) =>
        inner.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken);

    private bool Record(string operation, MembershipEntry entry, bool written)
    {
        lock (_lock)
        {
            _writes.Add((operation, entry, written));
        }

        return written;
    }

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new MembershipTableException("The test made the membership table unreachable for this silo.");
        }
    }
}

/// <summary>Holds readers until <paramref name="parties"/> have arrived, then lets every reader through, now and later.</summary>
public sealed class ReadGate(int parties)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task ArriveAndWaitAsync()
    {
        if (Interlocked.Increment(ref _arrived) >= parties)
        {
            _open.TrySetResult();
        }

        return _open.Task.WaitAsync(TestSupport.Timeout);
    }
}
