namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>
/// The model could not answer (HTTP error, unreachable endpoint, malformed stream). The message becomes the
/// <c>error_message</c> of <c>ai_error</c> <c>MODEL_ERROR</c>, so it is written for the user and never
/// carries a key, a url with credentials, or the remote server's own text.
/// </summary>
public sealed class ChatModelException : Exception
{
    public ChatModelException(string message)
        : base(message)
    {
    }

    public ChatModelException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
