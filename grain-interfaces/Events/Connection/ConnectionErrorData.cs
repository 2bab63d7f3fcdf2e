namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>connection_error</c> (document 003): the connection is about to close; <c>reconnect_required</c> and <c>action_required</c> tell the client what to do.</summary>
public sealed record ConnectionErrorData(
    string ErrorCode,
    string Message,
    bool ReconnectRequired,
    string? ActionRequired);
