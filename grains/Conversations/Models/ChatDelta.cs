namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>
/// A piece of a streamed answer. <see cref="Text"/> may be empty (a delta that only reports usage);
/// <see cref="CompletionTokens"/> is the model's own token count of the whole answer when it reports one.
/// </summary>
public sealed record ChatDelta(string Text, int? CompletionTokens = null);
