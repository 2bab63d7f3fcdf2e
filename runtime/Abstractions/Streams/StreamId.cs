using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Streams;

/// <summary>A stream's address within a provider: a namespace (for example "user") and a key.</summary>
[Immutable]
public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string streamNamespace, string key) => new(streamNamespace, key);

    public static StreamId Create(string streamNamespace, Guid key) => new(streamNamespace, key.ToString("N"));

    public override string ToString() => $"{Namespace}/{Key}";
}
