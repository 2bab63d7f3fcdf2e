using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>
/// The resume recipe of <see cref="IAsyncStream{T}"/>, as a gateway runs it for a reconnecting client:
/// subscribe and buffer live items, read the history after the last sequence the client has (page by page),
/// deliver it, then deliver the buffered items past the last delivered sequence and go live, skipping
/// anything not past it. <see cref="Delivered"/> is what the client would have received.
/// </summary>
public sealed class ResumingConsumer<T>
{
    private readonly Lock _lock = new();
    private readonly List<StreamHistoryEntry<T>> _buffer = [];
    private readonly List<StreamHistoryEntry<T>> _delivered = [];
    private readonly TaskCompletionSource _reachedTarget = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastDelivered;
    private long _target = long.MaxValue;
    private bool _live;

    private ResumingConsumer(long lastDelivered) => _lastDelivered = lastDelivered;

    public IReadOnlyList<StreamHistoryEntry<T>> Delivered
    {
        get
        {
            lock (_lock)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>Resumes after <paramref name="after"/>; null when the history cannot (the client must resync).</summary>
    public static async Task<ResumingConsumer<T>?> ResumeAsync(IAsyncStream<T> stream, StreamSequenceToken after, int pageSize)
    {
        var consumer = new ResumingConsumer<T>(after.Sequence);
        await stream.SubscribeAsync(consumer.OnLiveAsync);

        var cursor = after;
        StreamHistoryResult<T> page;
        do
        {
            page = await stream.GetItemsAfterAsync(cursor, pageSize);
            if (!page.IsComplete)
            {
                return null;
            }

            consumer.DeliverAll(page.Items);
            cursor = page.Items.Count > 0 ? page.Items[^1].Token : cursor;
        }
        while (page.HasMore);

        consumer.GoLive();
        return consumer;
    }

    /// <summary>Completes once the item with sequence <paramref name="sequence"/> (or a later one) was delivered.</summary>
    public Task WaitForAsync(long sequence)
    {
        lock (_lock)
        {
            _target = sequence;
            if (_lastDelivered >= _target)
            {
                _reachedTarget.TrySetResult();
            }
        }

        return _reachedTarget.Task;
    }

    private Task OnLiveAsync(T item, StreamSequenceToken? token)
    {
        lock (_lock)
        {
            var entry = new StreamHistoryEntry<T>(item, token!);
            if (_live)
            {
                DeliverIfNew(entry);
            }
            else
            {
                _buffer.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    private void DeliverAll(IEnumerable<StreamHistoryEntry<T>> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                DeliverIfNew(entry);
            }
        }
    }

    private void GoLive()
    {
        lock (_lock)
        {
            foreach (var entry in _buffer)
            {
                DeliverIfNew(entry);
            }

            _buffer.Clear();
            _live = true;
        }
    }

    private void DeliverIfNew(StreamHistoryEntry<T> entry)
    {
        if (entry.Token.Sequence <= _lastDelivered)
        {
            return;
        }

        _delivered.Add(entry);
        _lastDelivered = entry.Token.Sequence;
        if (_lastDelivered >= _target)
        {
            _reachedTarget.TrySetResult();
        }
    }
}
