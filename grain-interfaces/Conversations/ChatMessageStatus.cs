namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>How an assistant message ended (JSON: <c>complete</c>, <c>cancelled</c>, <c>failed</c>). User messages are always complete.</summary>
public enum ChatMessageStatus
{
    Complete,

    /// <summary>Stopped by <c>ai_chat_cancel</c>; the text is what had streamed.</summary>
    Cancelled,

    /// <summary>Ended in <c>ai_error</c> (a tool or the model failed, or the grain was interrupted); the text is what had streamed.</summary>
    Failed,
}
