namespace OrleansRealtime.Gateway.Api.Libraries;

/// <summary>The operation a start led to; <see cref="AlreadyRunning"/> is true when it is the library's running one.</summary>
public sealed record StartSyncResponse(string OperationId, bool AlreadyRunning, string StatusUrl);
