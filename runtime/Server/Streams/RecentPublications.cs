using System.Buffers;
using System.Globalization;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Streams;

/// <summary>
/// The ids of a stream's last numbered items with their tokens, oldest evicted first, so a retried publish returns
/// the first one's token instead of appending a copy. A re-activated rendezvous fills it from its stream log (the ids of
/// the newest logged items), or starts empty without one. Used under the rendezvous's publishing lock, so it needs none
/// of its own.
/// <para>
/// A full window is thousands of ids per active stream that live for minutes. An id of 32 lowercase hex digits (the
/// form <c>Guid.ToString("N")</c> gives, which the domain's envelopes use) is kept as the 128-bit number it spells,
/// and a token as its two numbers, so such entries are no objects for the collector to mark and promote; any other
/// id is kept as its string.
/// </para>
/// </summary>
internal sealed class RecentPublications(int capacity)
{
    private readonly Dictionary<Key, (long Sequence, long Epoch)> _tokens = [];
    private readonly Queue<Key> _order = new();

    public bool TryGet(string? id, out StreamSequenceToken token)
    {
        if (id is not null && _tokens.TryGetValue(Key.Of(id), out var found))
        {
            token = new StreamSequenceToken(found.Sequence, found.Epoch);
            return true;
        }

        token = null!;
        return false;
    }

    public void Add(string? id, StreamSequenceToken token)
    {
        if (id is null || capacity == 0)
        {
            return;
        }

        var key = Key.Of(id);
        if (!_tokens.TryAdd(key, (token.Sequence, token.Epoch)))
        {
            return;
        }

        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _tokens.Remove(_order.Dequeue());
        }
    }

    /// <summary>An id: its number when it is 32 lowercase hex digits (one number for each such string, so no two ids meet), else the string itself.</summary>
    private readonly record struct Key(UInt128 Hex, string? Other)
    {
        public static Key Of(string id) => TryParseHex(id, out var hex) ? new Key(hex, null) : new Key(default, id);

        private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

        // Exactly 32 digits and lowercase only, which the number parser alone would not insist on: "ab", "00ab" and
        // "AB" must stay three ids.
        private static bool TryParseHex(string id, out UInt128 value)
        {
            value = default;
            return id.Length == 32 && !id.AsSpan().ContainsAnyExcept(LowerHexDigits) &&
                UInt128.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
    }
}
