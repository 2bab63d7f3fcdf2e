using System.Text;

namespace OrleansRealtime.Abstractions.Identity;

/// <summary>
/// A hash that is the same in every process and every .NET version (string.GetHashCode is randomized per
/// process), used where a hash is stored or compared across silos: reminder ranges and placement.
/// 32-bit FNV-1a over UTF-8.
/// </summary>
public static class StableHash
{
    public static uint Compute(string value)
    {
        const uint offset = 2166136261;
        const uint prime = 16777619;
        Span<byte> buffer = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        int length = Encoding.UTF8.GetBytes(value, buffer);
        uint hash = offset;
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }

    public static uint Compute(GrainId grainId) => Compute(grainId.ToString());
}
