using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Serialization;

namespace OrleansRealtime.Server.Persistence;

/// <summary>
/// Bridges a grain's typed state to a byte-oriented <see cref="IGrainStorage"/>. The etag moves only when
/// storage confirms a write, so after a failed or conflicting write the grain still holds the last etag
/// storage knows, and a retry (or a re-read) behaves predictably. A conflict the grain does not handle ends the call's
/// activation (see <see cref="StateConflicts"/>), so the next call reads the state afresh instead of failing for good.
/// </summary>
internal sealed class PersistentState<TState>(string stateName, IGrainStorage storage, GrainId grainId, RealtimeSerializer serializer)
    : IPersistentState<TState>, IStateLoader
{
    public TState State { get; set; } = Activator.CreateInstance<TState>();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync()
    {
        var record = await storage.ReadAsync(stateName, grainId);
        Etag = record?.Etag;
        RecordExists = record?.Payload is not null;
        State = record?.Payload is { } payload
            ? serializer.Deserialize<TState>(payload, $"State '{stateName}' of {grainId}")
            : Activator.CreateInstance<TState>();
    }

    public async Task WriteStateAsync()
    {
        var payload = serializer.Serialize(State, $"State '{stateName}' of {grainId}");
        try
        {
            Etag = await storage.WriteAsync(stateName, grainId, payload, Etag);
        }
        catch (InconsistentStateException conflict)
        {
            StateConflicts.MarkOwn(conflict);
            throw;
        }

        RecordExists = true;
    }

    public async Task ClearStateAsync()
    {
        try
        {
            Etag = await storage.ClearAsync(stateName, grainId, Etag);
        }
        catch (InconsistentStateException conflict)
        {
            StateConflicts.MarkOwn(conflict);
            throw;
        }

        RecordExists = false;
        State = Activator.CreateInstance<TState>();
    }
}
