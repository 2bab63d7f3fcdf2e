namespace OrleansRealtime.GrainInterfaces.Sync;

/// <summary>The operation a start request leads to: a new one, or the library's running one (<see cref="AlreadyRunning"/>).</summary>
public sealed record StartSyncResult(string OperationId, bool AlreadyRunning);
