using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Streams;

/// <summary>Which stream a log entry belongs to: the stream provider's name and the stream's id.</summary>
[Immutable]
public readonly record struct StreamLogKey(string Provider, StreamId Stream)
{
    public override string ToString() => $"{Provider}/{Stream}";
}
