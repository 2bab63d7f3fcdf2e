namespace OrleansRealtime.Grains.Conversations;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint (<c>Realtime:Chat:OpenAi</c>). With
/// <c>Realtime:Chat:Model=OpenAi</c>, <see cref="BaseUrl"/> and <see cref="Model"/> are required.
/// </summary>
public sealed class OpenAiChatOptions
{
    /// <summary>The API root that <c>/chat/completions</c> is appended to: <c>https://api.openai.com/v1</c>, <c>http://localhost:11434/v1</c> (Ollama), <c>http://localhost:8000/v1</c> (vLLM). Absolute http(s).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The model name the endpoint knows (<c>gpt-4o-mini</c>, <c>llama3.1</c>).</summary>
    public string? Model { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set (local servers usually need none). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long to wait for the response headers; the stream itself is bounded by <c>Realtime:Chat:MaxResponseDuration</c>. Default 1 minute.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Ask for <c>stream_options.include_usage</c> so <c>token_count</c> is the model's own count. Default true; turn off for servers that refuse the member.</summary>
    public bool IncludeUsage { get; set; } = true;

    /// <summary>The <c>estimated_seconds</c> of <c>ai_thinking</c>. 1..600, default 5.</summary>
    public int EstimatedSeconds { get; set; } = 5;

    /// <summary>The system message before the tool results and the conversation.</summary>
    public string SystemPrompt { get; set; } =
        "You are Game Djinn, an assistant for the user's video game library. Answer briefly. " +
        "For facts about the user's games, use only the tool results given to you; if they do not say, say you don't know.";
}
