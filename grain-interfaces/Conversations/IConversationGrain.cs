using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>
/// One AI conversation (key: the conversation id; see <see cref="ConversationKeys"/> for the ids of document
/// 002's AI chat channel and of persona conversations). The first message fixes the conversation's owner;
/// every event goes to the owner's stream <c>user/{ownerUserId}</c>.
/// <para>
/// Ordering and delivery: for one user message the owner's stream receives, in this order,
/// <c>ai_thinking</c>, one <c>ai_tool_execution</c> per tool used, <c>ai_chat_response_chunk</c> with
/// <c>chunk_index</c> 0, 1, 2… (the last has <c>is_final</c> true), then exactly one terminal event:
/// <c>ai_chat_response_complete</c> (its <c>full_message</c> is the concatenated chunks) or <c>ai_error</c>
/// (a failure, or <c>CANCELLED</c> after <see cref="CancelAsync"/>); nothing of that message follows the
/// terminal event. Every event carries <c>message_id</c> = the client's message id. One response runs at a
/// time per conversation. Chunks are ephemeral (a resuming client reads the text so far with
/// <see cref="GetHistoryAsync"/>); the terminal events are durable.
/// </para>
/// Bad input throws a <c>Domain*Exception</c> (codes in <see cref="ConversationErrorCodes"/>) before any
/// state changes or any event is emitted.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Accepts a user message and returns once it is recorded and <c>ai_thinking</c> is on the stream; the
    /// response then streams as events while this grain keeps answering <see cref="CancelAsync"/> and
    /// <see cref="GetHistoryAsync"/>. Re-sending a message id this conversation already has is idempotent
    /// (returns <see cref="ChatMessageAccepted.Duplicate"/> true, emits nothing).
    /// </summary>
    /// <exception cref="Errors.DomainValidationException">empty or oversize message, malformed ids.</exception>
    /// <exception cref="Errors.DomainForbiddenException">the conversation (or the library) belongs to another user.</exception>
    /// <exception cref="Errors.DomainConflictException">another response of this conversation is still streaming.</exception>
    Task<ChatMessageAccepted> SendMessageAsync(ChatMessageRequest request);

    /// <summary>
    /// Stops the response in flight (document 003's client message <c>ai_chat_cancel</c>). When it returns
    /// true, the stream already holds the response's terminal <c>ai_error</c> with <c>error_code</c>
    /// <c>CANCELLED</c>, and no chunk of it follows. False when nothing was streaming, or when
    /// <paramref name="messageId"/> names another message: cancelling is idempotent.
    /// </summary>
    Task<bool> CancelAsync(string userId, string? messageId = null);

    /// <summary>
    /// The stored messages (oldest first, bounded) and the response in flight as one piece of text, so a
    /// session that joins late or resumes shows the text so far and continues with the chunks whose
    /// <c>chunk_index</c> is greater than <see cref="InFlightResponse.ChunkIndex"/>.
    /// </summary>
    [ReadOnly]
    Task<ConversationHistory> GetHistoryAsync(string userId);

    /// <summary>
    /// Opts the user in to (or out of) a daily proactive check-in from a persona. Call it on the persona
    /// conversation <see cref="ConversationKeys.ForPersona"/>(<paramref name="userId"/>, <paramref name="personaId"/>).
    /// Enabled, a durable reminder publishes document 001's <c>message:receive</c> {id, content, sender "ai",
    /// persona_id, timestamp} to the user's stream every day at <paramref name="timeOfDayUtc"/> (default
    /// <c>Realtime:Chat:CheckInTimeOfDayUtc</c>); disabled, the reminder is unregistered.
    /// </summary>
    Task<PersonaCheckIn> ConfigureCheckInAsync(string userId, string personaId, bool enabled, TimeOnly? timeOfDayUtc = null);

    /// <summary>The check-in settings of this persona conversation, or null when never configured.</summary>
    [ReadOnly]
    Task<PersonaCheckIn?> GetCheckInAsync(string userId);
}
