using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>
/// A socket's one bounded outbound queue, drained by its one send loop. Enqueueing never blocks and never
/// grows past the capacity: when full, the queue is compacted by delivery class (conflatable messages keep
/// the latest per key, queued ephemeral ones go) before a message is refused. Order is preserved: a
/// conflated message is removed and its newer replacement appended, so sequence numbers still increase.
/// Thread-safe; any number of producers, one consumer. <paramref name="onShed"/> is told how many messages
/// each enqueue shed (for the gateway's metrics), after the queue's lock is released. Waiting allocates
/// nothing: the consumer's wake-up is one reusable <see cref="QueueWaiter"/>.
/// </summary>
internal sealed class OutboundQueue(int capacity, Action<long>? onShed = null)
{
    private readonly Lock _lock = new();
    private Queue<OutboundMessage> _items = new();
    private readonly QueueWaiter _waiter = new();
    private TaskCompletionSource? _roomWaiter;
    private int _roomWanted;
    private bool _closed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Messages dropped or conflated away because the queue was full.</summary>
    public long Shed { get; private set; }

    public EnqueueResult Enqueue(OutboundMessage message)
    {
        var result = Enqueue(message, out var shed);
        if (shed > 0)
        {
            onShed?.Invoke(shed);
        }

        return result;
    }

    private EnqueueResult Enqueue(OutboundMessage message, out int shed)
    {
        shed = 0;
        TaskCompletionSource? room = null;
        lock (_lock)
        {
            if (_closed)
            {
                return EnqueueResult.Closed;
            }

            if (message.IsClose)
            {
                // The close goes last and nothing follows it.
                _closed = true;
            }
            else if (_items.Count >= capacity)
            {
                shed = Compact(message.ConflationKey);
                if (_items.Count >= capacity)
                {
                    if (message.Delivery == DeliveryClass.Ephemeral)
                    {
                        shed++;
                        Shed++;
                        return EnqueueResult.Dropped;
                    }

                    return EnqueueResult.Overflow;
                }
            }

            _items.Enqueue(message);
            _waiter.Signal();
            if (message.IsClose)
            {
                room = TakeRoomWaiterLocked();
            }
        }

        room?.TrySetResult();
        return EnqueueResult.Enqueued;
    }

    public bool TryDequeue(out OutboundMessage message)
    {
        bool dequeued;
        TaskCompletionSource? room;
        lock (_lock)
        {
            dequeued = _items.TryDequeue(out message);
            room = TakeRoomWaiterLocked();
        }

        room?.TrySetResult();
        return dequeued;
    }

    /// <summary>Drops everything queued (a slow consumer about to be closed); the count goes to <see cref="Shed"/>.</summary>
    public void DiscardAll()
    {
        TaskCompletionSource? room;
        lock (_lock)
        {
            Shed += _items.Count;
            _items.Clear();
            room = TakeRoomWaiterLocked();
        }

        room?.TrySetResult();
    }

    /// <summary>
    /// Completes when <paramref name="room"/> more messages fit (at most the capacity), or the queue is closed.
    /// One waiter at a time: the session's repair, which paces a long replay to the reader.
    /// </summary>
    public Task WaitForRoomAsync(int room = 1)
    {
        lock (_lock)
        {
            _roomWanted = Math.Min(room, capacity);
            if (_closed || capacity - _items.Count >= _roomWanted)
            {
                return Task.CompletedTask;
            }

            _roomWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _roomWaiter.Task;
        }
    }

    /// <summary>
    /// Completes when a message is queued (at once if one is). For the one consumer only, which awaits each
    /// wait exactly once before the next (the value task is reused).
    /// </summary>
    public ValueTask WaitAsync()
    {
        lock (_lock)
        {
            return _items.Count > 0 ? ValueTask.CompletedTask : _waiter.Arm();
        }
    }

    private TaskCompletionSource? TakeRoomWaiterLocked()
    {
        if (_roomWaiter is not { } waiter || (!_closed && capacity - _items.Count < _roomWanted))
        {
            return null;
        }

        _roomWaiter = null;
        return waiter;
    }

    /// <summary>Keeps the last message of each conflation key (and of <paramref name="incomingKey"/>, none: the incoming one replaces it) and drops queued ephemeral messages. Returns how many it dropped.</summary>
    private int Compact(string? incomingKey)
    {
        var items = _items.ToArray();
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].ConflationKey is { } key)
            {
                latest[key] = i;
            }
        }

        var kept = new Queue<OutboundMessage>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var drop = item.Delivery == DeliveryClass.Ephemeral
                || (item.ConflationKey is { } key && (key == incomingKey || latest[key] != i));
            if (drop)
            {
                Shed++;
            }
            else
            {
                kept.Enqueue(item);
            }
        }

        var dropped = items.Length - kept.Count;
        _items = kept;
        return dropped;
    }
}
