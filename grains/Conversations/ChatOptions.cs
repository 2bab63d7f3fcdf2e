using OrleansRealtime.Grains.Conversations.Models;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>Options of the conversation grain and its model, bound from <c>Realtime:Chat</c> and validated at start.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Realtime:Chat";

    /// <summary>Which <see cref="IChatModel"/> answers: <c>Local</c> (default, deterministic, no network) or <c>OpenAi</c> (needs <see cref="OpenAi"/>).</summary>
    public ChatModelKind Model { get; set; } = ChatModelKind.Local;

    /// <summary>Messages kept per conversation (user and assistant together, oldest dropped first). 10..10000, default 100.</summary>
    public int HistoryLimit { get; set; } = 100;

    /// <summary>Earlier messages a model sees with each new one. 0..<see cref="HistoryLimit"/>, default 20.</summary>
    public int PromptHistoryMessages { get; set; } = 20;

    /// <summary>Games <c>search_games</c> returns unless the message asks for another number ("top 5"). 1..100, default 10.</summary>
    public int SearchResultLimit { get; set; } = 10;

    /// <summary>A response still streaming after this long ends with <c>ai_error</c> <c>MODEL_ERROR</c> ("took too long"). Positive, default 2 minutes.</summary>
    public TimeSpan MaxResponseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When a persona check-in arrives if the user did not pick a time (UTC). Default 09:00.</summary>
    public TimeOnly CheckInTimeOfDayUtc { get; set; } = new(9, 0);

    /// <summary>The OpenAI-compatible endpoint (<c>Realtime:Chat:OpenAi</c>), used when <see cref="Model"/> is <c>OpenAi</c>.</summary>
    public OpenAiChatOptions OpenAi { get; set; } = new();
}
