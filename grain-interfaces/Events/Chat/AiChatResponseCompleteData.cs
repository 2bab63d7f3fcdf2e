namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>
/// <c>ai_chat_response_complete</c> (document 003): <c>full_message</c> is the concatenated chunks,
/// <c>response_time_ms</c> runs from accepting the message to this event, <c>token_count</c> counts the
/// answer's tokens (the model's count when it reports one, otherwise an estimate).
/// </summary>
public sealed record AiChatResponseCompleteData(
    string ConversationId,
    string MessageId,
    string FullMessage,
    IReadOnlyList<string> ToolsUsed,
    long ResponseTimeMs,
    int TokenCount);
