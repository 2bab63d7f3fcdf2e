using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Conversations.Models;
using OrleansRealtime.Grains.Publishing;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>
/// One conversation. The grain is not reentrant: requests take turns as usual. The response to a message is
/// a task on the activation's own scheduler that <see cref="SendMessageAsync"/> starts and does not await
/// (see ConversationGrain.Response.cs). Its pieces run between other turns, never beside them, so
/// <see cref="CancelAsync"/> and <see cref="GetHistoryAsync"/> are answered while it streams, and state is
/// consistent at every await without locks. State writes go through <see cref="PersistAsync"/>, which
/// orders them, because the response task and a request may both want to write.
/// </summary>
[GrainType("conversation")]
internal sealed partial class ConversationGrain(
    [PersistentState("state")] IPersistentState<ConversationState> state,
    IChatModel model,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : PublishingGrain(time), IConversationGrain, IRemindable
{
    private Task _writes = Task.CompletedTask;

    /// <summary>The response streaming now; null once its terminal event is being published.</summary>
    private ResponseRun? _run;

    /// <summary>Completes when the latest response published its terminal event: the next one starts after it.</summary>
    private Task _lastResponse = Task.CompletedTask;

    private string ConversationId => GrainId.Key;

    private ChatOptions Options => options.Value;

    /// <summary>The owner: fixed by the key of a persona or (four-segment) channel conversation, otherwise by the first message.</summary>
    private string? Owner => state.State.OwnerUserId
        ?? (ConversationKeys.TryParsePersona(ConversationId, out var userId, out _) ? userId : null)
        ?? (ConversationKeys.TryParseChannelOwner(ConversationId, out var channelUser) ? channelUser : null);

    public async Task<ChatMessageAccepted> SendMessageAsync(ChatMessageRequest request)
    {
        if (request is null)
        {
            throw new DomainValidationException(ConversationErrorCodes.EmptyMessage, "The request is empty.");
        }

        ChatInput.RequireConversationId(ConversationId);
        ChatInput.RequireId("user_id", request.UserId);
        var message = ChatInput.RequireMessage(request.Message);
        var messageId = string.IsNullOrEmpty(request.MessageId) ? "msg_" + Guid.NewGuid().ToString("N") : ChatInput.RequireMessageId(request.MessageId);
        if (request.LibraryId is not null)
        {
            ChatInput.RequireId("library_id", request.LibraryId);
        }

        RequireOwner(request.UserId);
        if (_run?.MessageId == messageId || state.State.Messages.Any(m => m.Role == ChatRole.User && m.MessageId == messageId))
        {
            return Accepted(messageId, duplicate: true);
        }

        if (_run is not null)
        {
            throw new DomainConflictException(
                ConversationErrorCodes.ResponseInProgress,
                $"The answer to message '{_run.MessageId}' is still streaming; cancel it or wait for it to end.");
        }

        if (request.LibraryId is { } libraryId && libraryId != state.State.LibraryId)
        {
            await RequireLibraryAsync(libraryId, request.UserId);
        }

        var now = Now;
        state.State.OwnerUserId ??= request.UserId;
        state.State.LibraryId = request.LibraryId ?? state.State.LibraryId;
        Append(new ChatHistoryMessage { Role = ChatRole.User, Content = message, MessageId = messageId, At = now });
        await PersistAsync();

        var run = new ResponseRun(messageId, request.UserId, message, state.State.LibraryId, now, Time.GetTimestamp(),
            new CancellationTokenSource(Options.MaxResponseDuration, Time));
        var previous = _lastResponse;
        _run = run;
        _lastResponse = run.Done.Task;
        DelayDeactivation(Options.MaxResponseDuration + TimeSpan.FromMinutes(1));
        LogResponseStarted(logger, ConversationId, messageId, model.Name);
        _ = RespondAsync(run, previous);
        await run.ThinkingSent.Task;
        return Accepted(messageId, duplicate: false);
    }

    public async Task<bool> CancelAsync(string userId, string? messageId = null)
    {
        ChatInput.RequireId("user_id", userId);
        RequireOwner(userId);
        if (_run is not { } run || (messageId is not null && messageId != run.MessageId))
        {
            return false;
        }

        run.StopReason = StopReason.User;
        run.Cancellation.Cancel();
        // The response task publishes ai_error CANCELLED as its last event; returning after it means the
        // caller knows no chunk of this response follows.
        await run.Done.Task;
        return true;
    }

    public Task<ConversationHistory> GetHistoryAsync(string userId)
    {
        ChatInput.RequireId("user_id", userId);
        RequireOwner(userId);
        var inFlight = _run is { } run
            ? new InFlightResponse { MessageId = run.MessageId, TextSoFar = run.Text.ToString(), ChunkIndex = run.ChunkIndex, StartedAt = run.StartedAt }
            : null;
        return Task.FromResult(new ConversationHistory
        {
            ConversationId = ConversationId,
            OwnerUserId = Owner,
            Messages = [.. state.State.Messages],
            InFlight = inFlight,
        });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { } run)
        {
            run.StopReason = StopReason.Deactivation;
            run.Cancellation.Cancel();
        }

        if (!_lastResponse.IsCompleted)
        {
            try
            {
                // The response task ends with its terminal event (ai_error INTERRUPTED when stopped here),
                // so the client is not left waiting.
                await _lastResponse.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Deactivation may not wait longer; the client sees no terminal event for this response.
            }
        }

        try
        {
            await _writes;
        }
        catch (Exception)
        {
            // Logged by the write itself.
        }
    }

    private ChatMessageAccepted Accepted(string messageId, bool duplicate) =>
        new() { ConversationId = ConversationId, MessageId = messageId, AcceptedAt = Now, Duplicate = duplicate };

    private void RequireOwner(string userId)
    {
        if (Owner is { } owner && owner != userId)
        {
            throw new DomainForbiddenException(ConversationErrorCodes.ConversationForbidden, "This conversation belongs to another user.");
        }
    }

    private async Task RequireLibraryAsync(string libraryId, string userId)
    {
        var library = await GrainFactory.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync()
            ?? throw new DomainNotFoundException("library_not_found", $"There is no library '{libraryId}'.");
        if (library.OwnerUserId != userId)
        {
            throw new DomainForbiddenException(ConversationErrorCodes.LibraryForbidden, "The library belongs to another user.");
        }
    }

    /// <summary>Adds a message and drops the oldest beyond <see cref="ChatOptions.HistoryLimit"/>.</summary>
    private void Append(ChatHistoryMessage message)
    {
        var messages = state.State.Messages;
        messages.Add(message);
        if (messages.Count > Options.HistoryLimit)
        {
            messages.RemoveRange(0, messages.Count - Options.HistoryLimit);
        }
    }

    /// <summary>
    /// Writes the state after any write still running: two overlapping writes would share one etag and the
    /// second would fail. Each write stores everything changed so far. A failed write deactivates the
    /// activation, so the next call starts again from what storage holds.
    /// </summary>
    private Task PersistAsync() => _writes = WriteAfterAsync(_writes);

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // That write's own caller saw its failure; this one writes the state as it is now.
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex, ConversationId);
            DeactivateOnIdle();
            throw;
        }
    }
}
