namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>The <c>Domain*Exception</c> codes the conversation grain throws (they become the problem detail's <c>error_code</c>).</summary>
public static class ConversationErrorCodes
{
    /// <summary>400: the message is empty or only whitespace.</summary>
    public const string EmptyMessage = "empty_message";

    /// <summary>400: the message is longer than <see cref="ChatLimits.MaxMessageLength"/>.</summary>
    public const string MessageTooLong = "message_too_long";

    /// <summary>400: a message id, user id or library id is too long or holds control characters.</summary>
    public const string InvalidId = "invalid_id";

    /// <summary>400: the conversation id (the grain key) is too long or holds control characters.</summary>
    public const string InvalidConversationId = "invalid_conversation_id";

    /// <summary>400: a workflow, app_id, chat_id or persona id is empty, too long, or not <c>[A-Za-z0-9_.-]</c>.</summary>
    public const string InvalidSegment = "invalid_segment";

    /// <summary>400: check-ins are configured only on the persona conversation <see cref="ConversationKeys.ForPersona"/>(user, persona).</summary>
    public const string NotPersonaConversation = "not_persona_conversation";

    /// <summary>403: the conversation belongs to another user.</summary>
    public const string ConversationForbidden = "conversation_forbidden";

    /// <summary>403: the library belongs to another user.</summary>
    public const string LibraryForbidden = "library_forbidden";

    /// <summary>409: a response of this conversation is still streaming; cancel it or wait for its terminal event.</summary>
    public const string ResponseInProgress = "response_in_progress";
}
