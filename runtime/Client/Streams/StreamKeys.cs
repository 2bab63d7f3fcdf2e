using System.Security.Cryptography;
using System.Text;
using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Client.Streams;

/// <summary>Keys derived from stream identity.</summary>
public static class StreamKeys
{
    /// <summary>The rendezvous grain key of a stream.</summary>
    public static string Rendezvous(string providerName, StreamId streamId) => $"{providerName}/{streamId.Namespace}/{streamId.Key}";

    /// <summary>The fixed subscription id of a grain type's implicit subscription to a stream (same on every silo).</summary>
    public static Guid ImplicitSubscription(string grainType, string providerName, StreamId streamId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{grainType}|{Rendezvous(providerName, streamId)}"), hash);
        return new Guid(hash[..16]);
    }
}
