namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>
/// <c>ai_chat_cancel</c> (client to server; ours, document 003 has no cancel message): stops the response in
/// flight of <c>conversation_id</c>, only if it is <c>message_id</c> when one is given. The response ends with
/// <c>ai_error</c> <c>CANCELLED</c>.
/// </summary>
public sealed record AiChatCancelData(
    string ConversationId,
    string? MessageId = null);
