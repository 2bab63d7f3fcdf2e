namespace OrleansRealtime.Grains.Conversations;

/// <summary>The values of <c>Realtime:Chat:Model</c>.</summary>
public enum ChatModelKind
{
    /// <summary>The built-in deterministic model (<c>LocalChatModel</c>).</summary>
    Local,

    /// <summary>An OpenAI-compatible streaming chat-completions endpoint (OpenAI, Ollama, vLLM…): <c>OpenAiChatModel</c>.</summary>
    OpenAi,
}
