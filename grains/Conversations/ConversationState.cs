using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.Grains.Conversations.CheckIns;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>What a conversation persists. The response in flight is not here: it lives in the activation (see <see cref="ResponseRun"/>).</summary>
internal sealed class ConversationState
{
    /// <summary>Fixed by the first message (or, for a persona conversation, by its key).</summary>
    public string? OwnerUserId { get; set; }

    /// <summary>The library the tools search: the last one a message named.</summary>
    public string? LibraryId { get; set; }

    /// <summary>Oldest first, at most <see cref="ChatOptions.HistoryLimit"/>.</summary>
    public List<ChatHistoryMessage> Messages { get; set; } = [];

    public CheckInState? CheckIn { get; set; }
}
