namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>
/// The response streaming now, as one message. <see cref="TextSoFar"/> is exactly the concatenation of the
/// chunks with <c>chunk_index</c> 0..<see cref="ChunkIndex"/>, so a client that shows it and then appends
/// only chunks with a greater index sees every character once.
/// </summary>
public sealed record InFlightResponse
{
    public required string MessageId { get; init; }

    public required string TextSoFar { get; init; }

    /// <summary>The index of the last chunk included in <see cref="TextSoFar"/>; -1 before the first chunk.</summary>
    public required int ChunkIndex { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
