namespace OrleansRealtime.LoadHarness.Clients;

/// <summary>
/// The harness's payload marker, <c>~{kind}{t}K{k}E</c>: kind U (per-user event), B (broadcast) or C (chat);
/// t the harness clock in µs when it was published; k the per-user counter, broadcast number or chunk index.
/// It survives every peer's framing untouched (no JSON escaping), so one scan reads it on every target.
/// </summary>
public readonly record struct Marker(byte Kind, long T, long K)
{
    public static string Format(char kind, long t, long k) => $"~{kind}{t}K{k}E";

    /// <summary>Finds the next marker at or after <paramref name="from"/>; returns its end, or -1.</summary>
    public static int TryRead(ReadOnlySpan<byte> frame, int from, out Marker marker)
    {
        marker = default;
        while (from < frame.Length)
        {
            var at = frame[from..].IndexOf((byte)'~');
            if (at < 0)
            {
                return -1;
            }

            at += from;
            var kind = at + 1 < frame.Length ? frame[at + 1] : (byte)0;
            if (kind is (byte)'U' or (byte)'B' or (byte)'C')
            {
                var t = Digits.Parse(frame[(at + 2)..], out var tl);
                var kAt = at + 2 + tl;
                if (tl > 0 && kAt < frame.Length && frame[kAt] == (byte)'K')
                {
                    var k = Digits.Parse(frame[(kAt + 1)..], out var kl);
                    var end = kAt + 1 + kl;
                    if (kl > 0 && end < frame.Length && frame[end] == (byte)'E')
                    {
                        marker = new Marker(kind, t, k);
                        return end + 1;
                    }
                }
            }

            from = at + 1;
        }

        return -1;
    }
}
