namespace OrleansRealtime.Gateway.Api.Conversations;

/// <summary>
/// Body of <c>POST /api/conversations/{conversationId}/messages</c> (document 003's <c>ai_chat_message</c>):
/// a message of 1..4000 characters, the client's message id (echoed as <c>message_id</c> on every AI event),
/// and the library the tools search.
/// </summary>
public sealed record PostChatMessageRequest
{
    public required string Message { get; init; }

    public string? MessageId { get; init; }

    public string? LibraryId { get; init; }

    /// <summary>The sender; only a <c>service</c> or <c>admin</c> may name another user. Default: the caller.</summary>
    public string? UserId { get; init; }
}
