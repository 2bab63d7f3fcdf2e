using System.Text.RegularExpressions;

namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>
/// The "safe key" rule for app keys, item ids, session ids, plugin names and the like: 1..<see cref="UserLimits.MaxKeyLength"/>
/// characters of <c>[A-Za-z0-9_.:-]</c>. Nothing that needs escaping in a URL path, a log line or a stream key.
/// </summary>
public static partial class SafeKeys
{
    public static bool IsValid(string? value, int maxLength = UserLimits.MaxKeyLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9_.:-]+\z")]
    private static partial Regex Pattern();
}
