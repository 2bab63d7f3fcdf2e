using System.Text.Json;

namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>A tool a model wants run, with its parameters as a JSON object (published as <c>tool_parameters</c>).</summary>
public sealed record ChatToolCall(string Name, JsonElement Parameters);
