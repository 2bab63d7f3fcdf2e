using System.Text;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>
/// Strings for the few names that repeat on every inbound request (grain types, interface and method names), so a
/// request does not allocate them again: a fixed table of slots indexed by a hash of the UTF-8 bytes, a miss replacing
/// the slot. Bounded (at most <see cref="Slots"/> strings of at most <see cref="MaxBytes"/> bytes), never wrong (a hit
/// compares the bytes), not thread-safe: one per receive loop.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 256;
    private const int MaxBytes = 128;

    private readonly Entry?[] _entries = new Entry?[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        int slot = hash.ToHashCode() & (Slots - 1);
        if (_entries[slot] is { } entry && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        string value = Encoding.UTF8.GetString(utf8);
        _entries[slot] = new Entry(utf8.ToArray(), value);
        return value;
    }

    private sealed class Entry(byte[] utf8, string value)
    {
        public byte[] Utf8 { get; } = utf8;

        public string Value { get; } = value;
    }
}
