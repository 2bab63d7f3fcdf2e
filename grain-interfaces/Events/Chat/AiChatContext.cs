namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>The <c>context</c> of an <c>ai_chat_message</c>: which library the tools search, which conversation continues.</summary>
public sealed record AiChatContext(
    string? LibraryId = null,
    string? ConversationId = null);
