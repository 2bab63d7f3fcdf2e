namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>reconnect</c>: the server is draining; reconnect after <c>retry_after_ms</c> (elsewhere) and resume, losing nothing.</summary>
public sealed record ReconnectData(
    string Reason,
    int RetryAfterMs);
