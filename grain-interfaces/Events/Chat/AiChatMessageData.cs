namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>
/// <c>ai_chat_message</c> (client to server, document 003): the envelope <c>id</c> becomes the response's
/// <c>message_id</c>; <c>context.conversation_id</c> picks the conversation.
/// </summary>
public sealed record AiChatMessageData(
    string Message,
    AiChatContext? Context = null);
