using System.Globalization;

namespace OrleansRealtime.Abstractions.Identity;

/// <summary>
/// Formats and parses the key part of a <see cref="GrainId"/>. Guid keys use the 32-digit "N" form, integer
/// keys invariant decimal, and compound keys append <c>+extension</c>, so every key kind has one canonical
/// string and the directory and storage can treat keys as opaque text.
/// </summary>
public static class GrainKey
{
    private const char ExtensionSeparator = '+';

    public static string Format(Guid key) => key.ToString("N");

    public static string Format(long key) => key.ToString(CultureInfo.InvariantCulture);

    public static string Format(Guid key, string keyExtension) => Format(key) + ExtensionSeparator + Validate(keyExtension);

    public static string Format(long key, string keyExtension) => Format(key) + ExtensionSeparator + Validate(keyExtension);

    public static Guid ParseGuid(string key, out string? keyExtension)
    {
        var main = Split(key, out keyExtension);
        return Guid.TryParseExact(main, "N", out var guid)
            ? guid
            : throw new FormatException($"Grain key '{key}' is not a Guid key.");
    }

    public static long ParseLong(string key, out string? keyExtension)
    {
        var main = Split(key, out keyExtension);
        return long.TryParse(main, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Grain key '{key}' is not an integer key.");
    }

    private static string Split(string key, out string? keyExtension)
    {
        int plus = key.IndexOf(ExtensionSeparator);
        if (plus < 0)
        {
            keyExtension = null;
            return key;
        }

        keyExtension = key[(plus + 1)..];
        return key[..plus];
    }

    private static string Validate(string keyExtension)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyExtension);
        return keyExtension;
    }
}
