namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>resume</c> (client to server): continue after <c>last_seq</c> of <c>epoch</c>, as an alternative to query parameters.</summary>
public sealed record ResumeData(
    long LastSeq,
    long Epoch);
