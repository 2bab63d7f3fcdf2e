namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>ping</c> (client to server, document 003): its envelope <c>id</c> comes back as <c>pong.client_id</c>.</summary>
public sealed record PingData();
