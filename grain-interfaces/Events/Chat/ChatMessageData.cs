namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>
/// <c>chat_message</c> (document 002's message type table: <c>{content, agent}</c>): an agent's whole answer
/// on document 002's AI chat channel. Sent after <c>ai_chat_response_complete</c> for channel conversations;
/// <c>agent</c> is the channel's workflow. <c>conversation_id</c> and <c>message_id</c> let the gateway route
/// it to the right channel.
/// </summary>
public sealed record ChatMessageData(
    string Content,
    string Agent,
    string? ConversationId = null,
    string? MessageId = null);
