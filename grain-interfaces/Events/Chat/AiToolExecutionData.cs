using System.Text.Json;

namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>
/// <c>ai_tool_execution</c> (document 003): a tool the response uses, with its parameters as a JSON object
/// (for <c>search_games</c>: <c>query</c>, <c>genre</c>, <c>status_filter</c>, <c>rating_filter.min_metacritic</c>, <c>limit</c>);
/// <c>status</c> is <c>executing</c>.
/// </summary>
public sealed record AiToolExecutionData(
    string ConversationId,
    string MessageId,
    string ToolName,
    JsonElement ToolParameters,
    string Status);
