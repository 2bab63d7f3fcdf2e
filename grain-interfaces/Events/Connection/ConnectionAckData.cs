namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary>
/// <c>connection_ack</c> (document 002): sent first on the notifications and AI chat channels, with the user
/// stream's <c>epoch</c> and <c>seq</c> (ours) so a client can resume even before its first event.
/// </summary>
public sealed record ConnectionAckData(string UserId, long? Epoch = null, long? Seq = null);
