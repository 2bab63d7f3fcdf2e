namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary><c>ai_chat_response_chunk</c> (document 003): <c>chunk_index</c> counts from 0; the last chunk has <c>is_final</c> true.</summary>
public sealed record AiChatResponseChunkData(
    string ConversationId,
    string MessageId,
    string Chunk,
    bool IsFinal,
    int ChunkIndex);
