using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>A stream item that can opt out of the stream's history.</summary>
public sealed record HistoryItem(int Value, bool RetainInHistory = true) : IStreamHistoryItem;
