namespace OrleansRealtime.Abstractions.Streams;

/// <summary>An item read back from a stream's history, with the token it was delivered with.</summary>
public sealed record StreamHistoryEntry<T>(T Item, StreamSequenceToken Token);
