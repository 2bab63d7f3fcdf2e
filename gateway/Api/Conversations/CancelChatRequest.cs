namespace OrleansRealtime.Gateway.Api.Conversations;

/// <summary>Body of <c>POST /api/conversations/{conversationId}/cancel</c> (document 003's <c>ai_chat_cancel</c>); every field optional.</summary>
public sealed record CancelChatRequest
{
    /// <summary>Cancel only if this message is the one streaming; null cancels whatever streams.</summary>
    public string? MessageId { get; init; }

    /// <summary>The conversation's owner; only a <c>service</c> or <c>admin</c> may name another user. Default: the caller.</summary>
    public string? UserId { get; init; }
}
