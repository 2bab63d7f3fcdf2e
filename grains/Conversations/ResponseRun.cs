using System.Text;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>
/// The response in flight of one conversation, held only in the activation. It is touched solely by grain
/// code (the response task and requests, one piece at a time on the activation's scheduler), so it needs no
/// locks. <see cref="Text"/> and <see cref="ChunkIndex"/> change together, right before a chunk is published.
/// </summary>
internal sealed class ResponseRun(string messageId, string userId, string userMessage, string? libraryId, DateTimeOffset startedAt, long startTimestamp, CancellationTokenSource cancellation)
{
    public string MessageId { get; } = messageId;

    /// <summary>The owner, whose stream receives every event.</summary>
    public string UserId { get; } = userId;

    public string UserMessage { get; } = userMessage;

    public string? LibraryId { get; } = libraryId;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>From <see cref="TimeProvider.GetTimestamp"/>, for <c>response_time_ms</c>.</summary>
    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>Cancelled by <c>CancelAsync</c>, by deactivation, or by itself after <see cref="ChatOptions.MaxResponseDuration"/>.</summary>
    public CancellationTokenSource Cancellation { get; } = cancellation;

    public StopReason StopReason { get; set; }

    public StringBuilder Text { get; } = new();

    /// <summary>The index of the last chunk published; -1 before the first.</summary>
    public int ChunkIndex { get; set; } = -1;

    public List<string> ToolsUsed { get; } = [];

    /// <summary>The model's own token count, when it reported one.</summary>
    public int? ReportedTokens { get; set; }

    /// <summary>Completes once <c>ai_thinking</c> was published (or could not be).</summary>
    public TaskCompletionSource ThinkingSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the terminal event was published (or could not be) and the run left the grain.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
