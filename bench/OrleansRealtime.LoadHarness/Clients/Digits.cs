namespace OrleansRealtime.LoadHarness.Clients;

/// <summary>Parses the non-negative decimal integer at the start of a UTF-8 span (stops at the first non-digit).</summary>
public static class Digits
{
    public static long Parse(ReadOnlySpan<byte> text) => Parse(text, out _);

    public static long Parse(ReadOnlySpan<byte> text, out int length)
    {
        long value = 0;
        length = 0;
        while (length < text.Length && (uint)(text[length] - '0') <= 9)
        {
            value = (value * 10) + (text[length] - '0');
            length++;
        }

        return value;
    }
}
