using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OrleansRealtime.Gateway.Auth.Internal;

/// <summary>
/// Ordinal token equality in constant time for equal lengths (so the time of a lookup does not tell how much of
/// a guessed token matched), with the runtime's randomized string hash.
/// </summary>
internal sealed class TokenComparer : IEqualityComparer<string>
{
    public static readonly TokenComparer Instance = new();

    public bool Equals(string? x, string? y) =>
        x is not null && y is not null
        && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(x.AsSpan()), MemoryMarshal.AsBytes(y.AsSpan()));

    public int GetHashCode(string token) => StringComparer.Ordinal.GetHashCode(token);
}
