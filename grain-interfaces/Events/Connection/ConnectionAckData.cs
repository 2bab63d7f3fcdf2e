namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>connection_ack</c> (document 002): sent first on the notifications and AI chat channels.</summary>
public sealed record ConnectionAckData(string UserId);
