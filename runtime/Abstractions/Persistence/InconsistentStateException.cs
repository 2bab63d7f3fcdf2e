using OrleansRealtime.Abstractions.Exceptions;

namespace OrleansRealtime.Abstractions.Persistence;

/// <summary>
/// A write or clear carried an etag that no longer matches storage: another activation (or a stale one)
/// wrote in between. The runtime never retries this silently; the grain decides (re-read, merge or fail). One the
/// grain lets escape a call deactivates that activation, as in Orleans, so the next call starts from the stored state.
/// </summary>
public sealed class InconsistentStateException : RealtimeException
{
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string stateName, string grainId, string? expectedEtag, string? storedEtag)
        : base($"Etag conflict on state '{stateName}' of {grainId}: expected {expectedEtag ?? "no record"}, storage has {storedEtag ?? "no record"}.")
    {
        StoredEtag = storedEtag;
        CurrentEtag = expectedEtag;
    }

    /// <summary>The etag in storage when the conflict was detected, when the provider knows it.</summary>
    public string? StoredEtag { get; }

    /// <summary>The etag the writer held.</summary>
    public string? CurrentEtag { get; }
}
