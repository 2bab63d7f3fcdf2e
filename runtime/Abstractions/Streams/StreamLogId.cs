namespace OrleansRealtime.Abstractions.Streams;

/// <summary>The id an item of a stream's log carries (<see cref="StreamLogEntry.PublicationId"/>) and the sequence it holds in its epoch.</summary>
public readonly record struct StreamLogId(long Sequence, string PublicationId);
