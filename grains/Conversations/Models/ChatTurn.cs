using OrleansRealtime.GrainInterfaces.Conversations;

namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>One earlier message of the conversation, as a model sees it.</summary>
public sealed record ChatTurn(ChatRole Role, string Content);
