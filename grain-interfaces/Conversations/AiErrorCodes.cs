namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>The <c>error_code</c> values of <c>ai_error</c> (document 003 shows <c>TOOL_EXECUTION_FAILED</c>).</summary>
public static class AiErrorCodes
{
    /// <summary>A tool (search_games, get_library_stats) failed. Recoverable: ask again.</summary>
    public const string ToolExecutionFailed = "TOOL_EXECUTION_FAILED";

    /// <summary>
    /// The model failed: HTTP error, unreachable endpoint, malformed stream, or an answer still streaming after
    /// <c>Realtime:Chat:MaxResponseDuration</c>. Recoverable: ask again.
    /// </summary>
    public const string ModelError = "MODEL_ERROR";

    /// <summary>The user cancelled the response (<c>ai_chat_cancel</c>). The terminal event of a cancelled response.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>The conversation's activation stopped (silo shutdown) while the response streamed. Recoverable: send it again.</summary>
    public const string Interrupted = "INTERRUPTED";
}
