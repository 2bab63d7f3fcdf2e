using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Events.Chat;
using OrleansRealtime.Grains.Conversations.Models;
using OrleansRealtime.Grains.Conversations.Tools;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>
/// The response task: ai_thinking → ai_tool_execution per tool → chunks → one terminal event. It runs on
/// the activation's scheduler, so between its awaits the grain answers other requests. Every publish is
/// awaited before the next one starts, which gives the stream the order the interface promises.
/// </summary>
internal sealed partial class ConversationGrain
{
    /// <param name="previous">The previous response's end: its terminal event goes first.</param>
    private async Task RespondAsync(ResponseRun run, Task previous)
    {
        var token = run.Cancellation.Token;
        try
        {
            try
            {
                await previous;
                var activity = run.LibraryId is null ? "Thinking about your message..." : "Looking through your library...";
                await PublishToUserAsync(run.UserId, new AiThinkingData(ConversationId, run.MessageId, "thinking", activity, model.EstimatedSeconds));
            }
            finally
            {
                run.ThinkingSent.TrySetResult();
            }

            var prompt = Prompt(run);
            var results = await RunToolsAsync(run, prompt, token);
            await StreamChunksAsync(run, prompt, results, token);
            await FinishAsync(run, ChatMessageStatus.Complete, error: null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await FinishAsync(run, run.StopReason == StopReason.User ? ChatMessageStatus.Cancelled : ChatMessageStatus.Failed, StopError(run));
        }
        catch (ChatToolException ex)
        {
            LogToolFailed(logger, ex, ConversationId, run.MessageId);
            await FinishAsync(run, ChatMessageStatus.Failed, Error(run, AiErrorCodes.ToolExecutionFailed, ex.Message, "Please try your request again"));
        }
        catch (ChatModelException ex)
        {
            LogModelFailed(logger, ex, ConversationId, run.MessageId, model.Name);
            await FinishAsync(run, ChatMessageStatus.Failed, Error(run, AiErrorCodes.ModelError, ex.Message, "Please try your request again"));
        }
        catch (Exception ex)
        {
            LogModelFailed(logger, ex, ConversationId, run.MessageId, model.Name);
            await FinishAsync(run, ChatMessageStatus.Failed, Error(run, AiErrorCodes.ModelError, "The assistant could not answer.", "Please try your request again"));
        }
    }

    private ChatPrompt Prompt(ResponseRun run)
    {
        var earlier = state.State.Messages
            .Where(m => !(m.Role == ChatRole.User && m.MessageId == run.MessageId) && m.Content.Length > 0)
            .TakeLast(Options.PromptHistoryMessages)
            .Select(m => new ChatTurn(m.Role, m.Content))
            .ToList();
        var persona = ConversationKeys.TryParsePersona(ConversationId, out _, out var personaId) ? personaId : null;
        return new ChatPrompt(ConversationId, run.MessageId, run.UserMessage, earlier, run.LibraryId, persona);
    }

    private async Task<IReadOnlyList<ChatToolResult>> RunToolsAsync(ResponseRun run, ChatPrompt prompt, CancellationToken token)
    {
        if (run.LibraryId is not { } libraryId)
        {
            return [];
        }

        var calls = await model.PlanToolsAsync(prompt, token).AsTask().WaitAsync(token);
        var tools = new LibraryChatTools(GrainFactory);
        var results = new List<ChatToolResult>(calls.Count);
        foreach (var call in calls)
        {
            token.ThrowIfCancellationRequested();
            run.ToolsUsed.Add(call.Name);
            await PublishToUserAsync(run.UserId, new AiToolExecutionData(ConversationId, run.MessageId, call.Name, call.Parameters, "executing"));
            results.Add(await tools.ExecuteAsync(call, libraryId).WaitAsync(token));
        }

        return results;
    }

    /// <summary>
    /// Publishes each delta as a chunk, one behind, so the last one can carry <c>is_final</c> true. The grain
    /// stops waiting for the model as soon as the token fires, even if the model is slow to notice.
    /// </summary>
    private async Task StreamChunksAsync(ResponseRun run, ChatPrompt prompt, IReadOnlyList<ChatToolResult> results, CancellationToken token)
    {
        var deltas = model.StreamAsync(prompt, results, token).GetAsyncEnumerator(token);
        Task<bool>? pending = null;
        try
        {
            string? held = null;
            while (await (pending = deltas.MoveNextAsync().AsTask()).WaitAsync(token))
            {
                var delta = deltas.Current;
                run.ReportedTokens = delta.CompletionTokens ?? run.ReportedTokens;
                if (delta.Text.Length == 0)
                {
                    continue;
                }

                if (held is not null)
                {
                    await PublishChunkAsync(run, held, isFinal: false, token);
                }

                held = delta.Text;
            }

            await PublishChunkAsync(run, held ?? throw new ChatModelException("The model returned an empty answer."), isFinal: true, token);
        }
        finally
        {
            if (pending is { IsCompleted: false })
            {
                // The model is still inside MoveNextAsync; an async iterator cannot be disposed then.
                _ = DisposeWhenSettledAsync(pending, deltas);
            }
            else
            {
                await deltas.DisposeAsync();
            }
        }
    }

    private static async Task DisposeWhenSettledAsync(Task<bool> pending, IAsyncEnumerator<ChatDelta> deltas)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // It was cancelled; the response already ended.
        }

        try
        {
            await deltas.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nothing is left to tell.
        }
    }

    private async Task PublishChunkAsync(ResponseRun run, string chunk, bool isFinal, CancellationToken token)
    {
        // Checked right before each chunk: once CancelAsync ran, no chunk of this response is published.
        token.ThrowIfCancellationRequested();
        run.Text.Append(chunk);
        run.ChunkIndex++;
        await PublishToUserAsync(run.UserId, new AiChatResponseChunkData(ConversationId, run.MessageId, chunk, isFinal, run.ChunkIndex));
    }

    /// <summary>
    /// Ends the response: the answer (or what streamed of it) joins the history in the same step in which
    /// the run stops being in flight, so a history read never sees both, and a client that saw the terminal
    /// event can send its next message at once (which then waits for <see cref="ResponseRun.Done"/> before
    /// its own first event). Then the state is written, then the terminal event is published. A failed write
    /// is logged and the event still goes out, so no client waits forever.
    /// </summary>
    private async Task FinishAsync(ResponseRun run, ChatMessageStatus status, AiErrorData? error)
    {
        if (ReferenceEquals(_run, run))
        {
            _run = null;
        }

        try
        {
            var text = run.Text.ToString();
            if (status == ChatMessageStatus.Complete || text.Length > 0)
            {
                Append(new ChatHistoryMessage { Role = ChatRole.Assistant, Content = text, MessageId = run.MessageId, At = Now, Status = status });
            }

            try
            {
                await PersistAsync();
            }
            catch (Exception)
            {
                // Logged by the write; the terminal event below still tells the client how the response ended.
            }

            if (error is not null)
            {
                await PublishToUserAsync(run.UserId, error);
                LogResponseEnded(logger, ConversationId, run.MessageId, error.ErrorCode);
                return;
            }

            var elapsed = (long)Time.GetElapsedTime(run.StartTimestamp).TotalMilliseconds;
            await PublishToUserAsync(run.UserId, new AiChatResponseCompleteData(
                ConversationId, run.MessageId, text, [.. run.ToolsUsed], elapsed, run.ReportedTokens ?? TokenEstimate.Count(text)));
            if (ConversationKeys.TryParseChannel(ConversationId, out var workflow, out _, out _))
            {
                await PublishToUserAsync(run.UserId, new ChatMessageData(text, workflow, ConversationId, run.MessageId));
            }

            LogResponseEnded(logger, ConversationId, run.MessageId, "complete");
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, ConversationId, run.MessageId);
        }
        finally
        {
            run.Cancellation.Dispose();
            run.ThinkingSent.TrySetResult();
            run.Done.TrySetResult();
        }
    }

    private AiErrorData StopError(ResponseRun run) => run.StopReason switch
    {
        StopReason.User => Error(run, AiErrorCodes.Cancelled, "The response was cancelled.", "Send your message again to get a new answer"),
        StopReason.Deactivation => Error(run, AiErrorCodes.Interrupted, "The response was interrupted by a server restart.", "Please send your message again"),
        _ => Error(run, AiErrorCodes.ModelError, "The response took too long and was stopped.", "Please try your request again"),
    };

    private AiErrorData Error(ResponseRun run, string code, string message, string suggestedAction) =>
        new(ConversationId, run.MessageId, code, message, IsRecoverable: true, suggestedAction);
}
