namespace OrleansRealtime.Grains.Sync;

/// <summary>
/// The order a sync processes games in, which makes a checkpoint a single id: numeric ids (Steam app ids, demo
/// ids) compare as numbers, anything else ordinally after them.
/// </summary>
internal sealed class PlatformIdComparer : IComparer<string>
{
    public static readonly PlatformIdComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        bool xNumeric = IsDigits(x), yNumeric = IsDigits(y);
        if (xNumeric && yNumeric)
        {
            var a = x.TrimStart('0');
            var b = y.TrimStart('0');
            if (a.Length != b.Length)
            {
                return a.Length.CompareTo(b.Length);
            }

            var byValue = string.CompareOrdinal(a, b);
            return byValue != 0 ? byValue : string.CompareOrdinal(x, y);
        }

        return xNumeric != yNumeric ? (xNumeric ? -1 : 1) : string.CompareOrdinal(x, y);
    }

    private static bool IsDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}
