namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>
/// One stored message. A user message and its answer share <see cref="MessageId"/> (the client's id); a
/// persona check-in has its own id (the <c>message:receive</c> id).
/// </summary>
public sealed record ChatHistoryMessage
{
    public required ChatRole Role { get; init; }

    public required string Content { get; init; }

    public required string MessageId { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>For an assistant message: whether it completed, or was cut short (the text is what was streamed).</summary>
    public ChatMessageStatus Status { get; init; } = ChatMessageStatus.Complete;

    /// <summary>The persona that sent a proactive check-in; null otherwise.</summary>
    public string? PersonaId { get; init; }
}
