using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.Memory;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>
/// A memory stream log a test can break: appends that fail before (nothing written) or after committing (an
/// unknown outcome), appends held at a gate, and a count of the appends with items.
/// </summary>
public sealed class ControlledStreamLog : IStreamLog
{
    private readonly MemoryStreamLog _inner = new();
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Appends throw without writing anything.</summary>
    public bool FailAppends { get; set; }

    /// <summary>Appends write, then throw as a timeout would after the commit.</summary>
    public bool FailAfterCommit { get; set; }

    /// <summary>Reads of recent publication ids throw, as a dropped connection would.</summary>
    public bool FailIdReads { get; set; }

    /// <summary>The number of items of each append that carried items, in order.</summary>
    public List<int> AppendedBatches { get; } = [];

    /// <summary>Holds appends until <see cref="Release"/>; <see cref="Held"/> completes when one is waiting.</summary>
    public void Hold()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task Held => _held.Task;

    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public async Task AppendAsync(StreamLogKey stream, long epoch, IReadOnlyList<StreamLogEntry> entries, long headSequence, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _gate) is { } gate)
        {
            _held.TrySetResult();
            await gate.Task;
        }

        if (FailAppends)
        {
            throw new StreamLogException("The test log refuses appends.");
        }

        await _inner.AppendAsync(stream, epoch, entries, headSequence, cancellationToken);
        if (entries.Count > 0)
        {
            lock (AppendedBatches)
            {
                AppendedBatches.Add(entries.Count);
            }
        }

        if (FailAfterCommit)
        {
            throw new StreamLogException("The test log committed but did not answer.", new TimeoutException());
        }
    }

    public Task<StreamLogHead?> ReadHeadAsync(StreamLogKey stream, CancellationToken cancellationToken = default) => _inner.ReadHeadAsync(stream, cancellationToken);

    public Task<StreamLogRead> ReadAfterAsync(StreamLogKey stream, long epoch, long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
        _inner.ReadAfterAsync(stream, epoch, afterSequence, maxCount, cancellationToken);

    public Task<IReadOnlyList<StreamLogId>> ReadRecentIdsAsync(StreamLogKey stream, long epoch, int maxCount, CancellationToken cancellationToken = default) =>
        FailIdReads
            ? Task.FromException<IReadOnlyList<StreamLogId>>(new StreamLogException("The test log refuses id reads."))
            : _inner.ReadRecentIdsAsync(stream, epoch, maxCount, cancellationToken);

    public Task<int> TrimAsync(StreamLogKey stream, DateTimeOffset? olderThan, int? keepLast, CancellationToken cancellationToken = default) =>
        _inner.TrimAsync(stream, olderThan, keepLast, cancellationToken);
}
