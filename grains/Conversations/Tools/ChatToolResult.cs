using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>What a tool returned: typed for the local model, and as compact JSON for a remote model's prompt.</summary>
public abstract record ChatToolResult(string Name, JsonElement Parameters)
{
    /// <summary>The result as a model reads it: only the fields that help answering.</summary>
    public abstract JsonNode ToPromptJson();
}
