using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using OrleansRealtime.Grains.Conversations.Models;
using OrleansRealtime.Grains.Conversations.Tools;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>
/// A chat model the test drives: the answer to a message id streams exactly the deltas the test writes to
/// <see cref="Script"/>(id), and ends when the test completes it. No timing is involved: a response waits
/// for the test's next delta. <see cref="IgnoreCancellation"/> makes it a model that never notices the
/// token (the grain must stop waiting on its own).
/// </summary>
public sealed class ScriptedChatModel : IChatModel
{
    private readonly ConcurrentDictionary<string, Channel<string>> _scripts = new();

    public string Name => "scripted";

    public int EstimatedSeconds => 2;

    public bool IgnoreCancellation { get; init; }

    /// <summary>Tools to plan for every message (none by default).</summary>
    public IReadOnlyList<ChatToolCall> Tools { get; init; } = [];

    public ChannelWriter<string> Script(string messageId) => Channel(messageId).Writer;

    public ValueTask<IReadOnlyList<ChatToolCall>> PlanToolsAsync(ChatPrompt prompt, CancellationToken cancellationToken) => ValueTask.FromResult(Tools);

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatPrompt prompt, IReadOnlyList<ChatToolResult> toolResults, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = Channel(prompt.MessageId).Reader;
        var token = IgnoreCancellation ? CancellationToken.None : cancellationToken;
        while (await reader.WaitToReadAsync(token))
        {
            while (reader.TryRead(out var text))
            {
                yield return new ChatDelta(text);
            }
        }
    }

    private Channel<string> Channel(string messageId) =>
        _scripts.GetOrAdd(messageId, _ => System.Threading.Channels.Channel.CreateUnbounded<string>());
}
