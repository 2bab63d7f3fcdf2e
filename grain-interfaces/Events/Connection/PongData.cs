namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>pong</c> (document 003): <c>client_id</c> is the id of the <c>ping</c> it answers.</summary>
public sealed record PongData(string? ClientId);
