namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>
/// A user's chat message (document 003's <c>ai_chat_message</c>: <c>message</c>, <c>context.library_id</c>,
/// and the envelope <c>id</c> as <see cref="MessageId"/>).
/// </summary>
public sealed record ChatMessageRequest
{
    /// <summary>The sender. The first message of a conversation makes this user its owner.</summary>
    public required string UserId { get; init; }

    /// <summary>
    /// The client's message id, echoed as <c>message_id</c> on every event of the response; at most
    /// <see cref="ChatLimits.MaxMessageIdLength"/> characters. Null or empty: the grain assigns <c>msg_{32 hex}</c>.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>The text, 1 to <see cref="ChatLimits.MaxMessageLength"/> characters, not only whitespace.</summary>
    public required string Message { get; init; }

    /// <summary>The library the tools search; null keeps the conversation's last one.</summary>
    public string? LibraryId { get; init; }
}
