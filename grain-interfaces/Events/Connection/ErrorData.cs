namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>error</c>: a client message was malformed, of unknown type or missing fields; <c>id</c> echoes the offending message's id. The connection stays open.</summary>
public sealed record ErrorData(
    string ErrorCode,
    string Message,
    string? Id);
