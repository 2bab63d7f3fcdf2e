using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.Memory;

namespace OrleansRealtime.Grains.Tests.TestSupport;

/// <summary>A memory stream log whose appends fail while <see cref="Failing"/> is set: a stream that cannot take events.</summary>
public sealed class SwitchableStreamLog : IStreamLog
{
    private readonly MemoryStreamLog _inner = new();

    public volatile bool Failing;

    public Task AppendAsync(StreamLogKey stream, long epoch, IReadOnlyList<StreamLogEntry> entries, long headSequence, CancellationToken cancellationToken = default) =>
        Failing
            ? Task.FromException(new StreamLogException($"The stream log of {stream} is unreachable (test)."))
            : _inner.AppendAsync(stream, epoch, entries, headSequence, cancellationToken);

    public Task<StreamLogHead?> ReadHeadAsync(StreamLogKey stream, CancellationToken cancellationToken = default) => _inner.ReadHeadAsync(stream, cancellationToken);

    public Task<StreamLogRead> ReadAfterAsync(StreamLogKey stream, long epoch, long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
        _inner.ReadAfterAsync(stream, epoch, afterSequence, maxCount, cancellationToken);

    public Task<IReadOnlyList<StreamLogId>> ReadRecentIdsAsync(StreamLogKey stream, long epoch, int maxCount, CancellationToken cancellationToken = default) =>
        _inner.ReadRecentIdsAsync(stream, epoch, maxCount, cancellationToken);

    public Task<int> TrimAsync(StreamLogKey stream, DateTimeOffset? olderThan, int? keepLast, CancellationToken cancellationToken = default) =>
        _inner.TrimAsync(stream, olderThan, keepLast, cancellationToken);
}
