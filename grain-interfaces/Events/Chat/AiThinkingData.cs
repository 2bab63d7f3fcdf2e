namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary><c>ai_thinking</c> (document 003): the first event of a response; <c>status</c> is <c>thinking</c>.</summary>
public sealed record AiThinkingData(
    string ConversationId,
    string MessageId,
    string Status,
    string Activity,
    int EstimatedSeconds);
