namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>What a model answers: the user's message, the earlier turns (oldest first) and the conversation's context.</summary>
public sealed record ChatPrompt(
    string ConversationId,
    string MessageId,
    string Message,
    IReadOnlyList<ChatTurn> History,
    string? LibraryId = null,
    string? PersonaId = null);
