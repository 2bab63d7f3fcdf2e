using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Grains.Platforms;

/// <summary>Whose games a platform reads, for which operation, and the demo overrides of that operation.</summary>
public sealed record PlatformSyncContext(string LibraryId, string OwnerUserId, string OperationId, DemoSyncSettings? Demo = null);
