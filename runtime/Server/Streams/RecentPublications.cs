using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Streams;

/// <summary>
/// The ids of a stream's last numbered items with their tokens, oldest evicted first, so a retried publish returns
/// the first one's token instead of appending a copy. Memory only: a re-activated rendezvous starts empty. Used under
/// the rendezvous's publishing lock, so it needs none of its own.
/// </summary>
internal sealed class RecentPublications(int capacity)
{
    private readonly Dictionary<string, StreamSequenceToken> _tokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string? id, out StreamSequenceToken token)
    {
        token = null!;
        return id is not null && _tokens.TryGetValue(id, out token!);
    }

    public void Add(string? id, StreamSequenceToken token)
    {
        if (id is null || capacity == 0 || !_tokens.TryAdd(id, token))
        {
            return;
        }

        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _tokens.Remove(_order.Dequeue());
        }
    }
}
