namespace OrleansRealtime.Gateway.Api.Conversations;

/// <summary>True when a response was streaming and stopped (its terminal <c>ai_error</c> CANCELLED is on the stream).</summary>
public sealed record CancelChatResponse(bool Cancelled);
