namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>What <see cref="IConversationGrain.SendMessageAsync"/> returns: the response streams as events under <see cref="MessageId"/>.</summary>
public sealed record ChatMessageAccepted
{
    public required string ConversationId { get; init; }

    /// <summary>The client's message id, or the one assigned when the request had none.</summary>
    public required string MessageId { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>True when the message id was already known: nothing new was started or emitted.</summary>
    public bool Duplicate { get; init; }
}
