namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>
/// A tool could not run. The message becomes the <c>error_message</c> of <c>ai_error</c>
/// <c>TOOL_EXECUTION_FAILED</c>, so it is written for the user and holds no exception text from elsewhere.
/// </summary>
public sealed class ChatToolException : Exception
{
    public ChatToolException(string message)
        : base(message)
    {
    }

    public ChatToolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
