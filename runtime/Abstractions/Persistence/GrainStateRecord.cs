namespace OrleansRealtime.Abstractions.Persistence;

/// <summary>
/// What a storage provider holds for one (state name, grain id): the serialized state (null after a clear)
/// and its version as an etag.
/// </summary>
public sealed record GrainStateRecord(byte[]? Payload, string Etag);
