namespace OrleansRealtime.GrainInterfaces.Events.Chat;

/// <summary>
/// <c>message:receive</c> (document 001): a message the AI sends on its own, such as a persona's daily
/// check-in. <c>sender</c> is <c>ai</c>.
/// </summary>
public sealed record MessageReceiveData(
    string Id,
    string Content,
    string Sender,
    string PersonaId,
    DateTimeOffset Timestamp);
