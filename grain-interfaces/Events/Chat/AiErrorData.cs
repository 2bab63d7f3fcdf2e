namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>
/// <c>ai_error</c> (document 003): a response ended without completing. <c>error_code</c> is one of
/// <c>TOOL_EXECUTION_FAILED</c>, <c>MODEL_ERROR</c>, <c>CANCELLED</c>, <c>INTERRUPTED</c> (see <c>AiErrorCodes</c>).
/// </summary>
public sealed record AiErrorData(
    string ConversationId,
    string MessageId,
    string ErrorCode,
    string ErrorMessage,
    bool IsRecoverable,
    string SuggestedAction);
