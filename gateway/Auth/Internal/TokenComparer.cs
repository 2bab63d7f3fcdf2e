using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OrleansRealtime.Gateway.Auth.Internal;

/// <summary>
/// Ordinal token equality in constant time for equal lengths (so the time of a lookup does not tell how much of
/// a guessed token matched), with the runtime's randomized string hash.
/// </summary>
/// <remarks>
/// Also compares a span against a string, so a cache keyed by token strings can be searched with a slice of a header
/// (<see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey,TValue}.GetAlternateLookup{TAlternateKey}"/>);
/// both forms hash the same characters the same way.
/// </remarks>
internal sealed class TokenComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    public static readonly TokenComparer Instance = new();

    public bool Equals(string? x, string? y) =>
        x is not null && y is not null && Equals(x.AsSpan(), y);

    public bool Equals(ReadOnlySpan<char> alternate, string other) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(alternate), MemoryMarshal.AsBytes(other.AsSpan()));

    public int GetHashCode(string token) => GetHashCode(token.AsSpan());

    public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

    public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();
}
