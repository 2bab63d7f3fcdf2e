namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>A conversation as a client shows it: stored messages (oldest first) and the response still streaming.</summary>
public sealed record ConversationHistory
{
    public required string ConversationId { get; init; }

    /// <summary>Null until the first message fixed the owner.</summary>
    public string? OwnerUserId { get; init; }

    /// <summary>The most recent messages, at most <c>Realtime:Chat:HistoryLimit</c>; older ones are dropped.</summary>
    public required IReadOnlyList<ChatHistoryMessage> Messages { get; init; }

    /// <summary>The response streaming now, if any (its user message is already in <see cref="Messages"/>).</summary>
    public InFlightResponse? InFlight { get; init; }
}
