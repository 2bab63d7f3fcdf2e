using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Streams;

namespace OrleansRealtime.Server.Streams;

/// <summary>
/// The recent retained items of one stream in one epoch, oldest first, bounded by count and age. Items are
/// appended in sequence order, but not every sequence number is here (items may opt out), so what the
/// history can answer for is tracked as <see cref="CoveredFrom"/>: every retained item with a sequence at
/// or above it is held. Not thread-safe; the rendezvous grain uses it from its turns only.
/// <para>
/// Each entry is a struct holding the payload array and plain numbers, not a record and a token: a full history is
/// a thousand items per active stream that live for minutes, and every object in it is one more for each
/// collection to mark and promote while it ages. The records and tokens of a read are made when it is read.
/// </para>
/// </summary>
internal sealed class StreamHistory(int capacity, TimeSpan maxAge)
{
    // A ring that grows up to the capacity, so a stream that publishes little holds little.
    private Entry[] _ring = [];
    private int _head;
    private int _count;

    /// <summary>The lowest sequence from which the history is complete; 1 until something is evicted.</summary>
    public long CoveredFrom { get; private set; } = 1;

    public int Count => _count;

    /// <summary>Adds a retained item; its sequence must be greater than every sequence held.</summary>
    public void Append(StreamSequenceToken token, byte[] payload, DateTimeOffset now)
    {
        Trim(now);
        if (capacity == 0)
        {
            CoveredFrom = token.Sequence + 1;
            return;
        }

        if (_count == capacity)
        {
            EvictOldest();
        }
        else if (_count == _ring.Length)
        {
            Grow();
        }

        _ring[(_head + _count) % _ring.Length] = new Entry(payload, token.Sequence, token.Epoch, now.UtcTicks);
        _count++;
    }

    /// <summary>
    /// Forgets every item and answers only for sequences from <paramref name="coveredFrom"/> on: what came
    /// before is the stream log's to answer (a re-activated stream, or an append whose outcome was unknown).
    /// </summary>
    public void Restart(long coveredFrom)
    {
        _ring = [];
        _head = 0;
        _count = 0;
        CoveredFrom = coveredFrom;
    }

    /// <summary>Evicts the items older than the maximum age.</summary>
    public void Trim(DateTimeOffset now)
    {
        if (maxAge == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        long oldestKept = now.UtcTicks - maxAge.Ticks;
        while (_count > 0 && _ring[_head].AddedAtTicks < oldestKept)
        {
            EvictOldest();
        }
    }

    /// <summary>True when every retained item after <paramref name="sequence"/> is still held.</summary>
    public bool Covers(long sequence) => sequence + 1 >= CoveredFrom;

    /// <summary>Up to <paramref name="maxCount"/> held items with a sequence greater than <paramref name="sequence"/>, oldest first.</summary>
    public (List<StreamHistoryRecord> Items, bool HasMore) ReadAfter(long sequence, int maxCount)
    {
        int first = FirstAfter(sequence);
        int take = Math.Min(maxCount, _count - first);
        var items = new List<StreamHistoryRecord>(take);
        for (int i = first; i < first + take; i++)
        {
            var entry = At(i);
            items.Add(new StreamHistoryRecord(entry.Payload, new StreamSequenceToken(entry.Sequence, entry.Epoch)));
        }

        return (items, first + take < _count);
    }

    private Entry At(int index) => _ring[(_head + index) % _ring.Length];

    /// <summary>The index of the first held item whose sequence is greater than <paramref name="sequence"/> (binary search).</summary>
    private int FirstAfter(long sequence)
    {
        int low = 0;
        int high = _count;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (At(mid).Sequence <= sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void EvictOldest()
    {
        CoveredFrom = _ring[_head].Sequence + 1;
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
    }

    private void Grow()
    {
        var larger = new Entry[Math.Min(capacity, Math.Max(8, _ring.Length * 2))];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = At(i);
        }

        _ring = larger;
        _head = 0;
    }

    private readonly record struct Entry(byte[] Payload, long Sequence, long Epoch, long AddedAtTicks);
}
