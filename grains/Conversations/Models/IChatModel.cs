using OrleansRealtime.Grains.Conversations.Tools;

namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>
/// The language model behind a conversation. The conversation grain asks it which tools to run, runs them,
/// then streams its answer. Implementations are singletons shared by every conversation, so they keep no
/// per-conversation state.
/// <para>
/// Contract: <see cref="StreamAsync"/> yields the answer's text in order, as deltas whose concatenation is
/// the whole answer; it honours <c>cancellationToken</c> promptly (the grain also stops waiting on its own).
/// A failure the user should see as <c>MODEL_ERROR</c> is a <see cref="ChatModelException"/>, whose message
/// is shown to the client and so never holds secrets or a remote server's text.
/// </para>
/// </summary>
public interface IChatModel
{
    /// <summary>A short name for logs (<c>local</c>, <c>openai:llama3.1</c>).</summary>
    string Name { get; }

    /// <summary>The <c>estimated_seconds</c> of <c>ai_thinking</c>.</summary>
    int EstimatedSeconds { get; }

    /// <summary>The tools to run before answering, in order; empty for none. Only called when the conversation has a library.</summary>
    ValueTask<IReadOnlyList<ChatToolCall>> PlanToolsAsync(ChatPrompt prompt, CancellationToken cancellationToken);

    /// <summary>Streams the answer to <paramref name="prompt"/> given the tools' results.</summary>
    IAsyncEnumerable<ChatDelta> StreamAsync(ChatPrompt prompt, IReadOnlyList<ChatToolResult> toolResults, CancellationToken cancellationToken);
}
