using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using OrleansRealtime.Grains.Conversations.Tools;

namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>
/// The default model: deterministic, no network. Tools come from <see cref="ChatToolPlanner"/>; the answer is
/// written from the tool results by <see cref="LocalAnswer"/> (the matching games with their Metacritic
/// scores, the library's totals) and streamed a few words per chunk. The same prompt and results always give
/// the same text and the same chunks.
/// </summary>
public sealed class LocalChatModel(IOptions<ChatOptions> options) : IChatModel
{
    /// <summary>Words per streamed chunk, so even a short answer arrives as several chunks.</summary>
    public const int WordsPerChunk = 4;

    public string Name => "local";

    public int EstimatedSeconds => 1;

    public ValueTask<IReadOnlyList<ChatToolCall>> PlanToolsAsync(ChatPrompt prompt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChatToolPlanner.Plan(prompt.Message, options.Value.SearchResultLimit));

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatPrompt prompt, IReadOnlyList<ChatToolResult> toolResults, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var piece in TextChunks.Split(LocalAnswer.Compose(prompt, toolResults), WordsPerChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatDelta(piece);
        }

        // Nothing here awaits; the method is an async iterator so it has the same shape as a remote model.
        await Task.CompletedTask;
    }
}
