namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>connection_established</c> (document 003), plus the user stream's <c>epoch</c> and <c>seq</c> a client needs to resume later.</summary>
public sealed record ConnectionEstablishedData(
    string UserId,
    string SessionId,
    DateTimeOffset ServerTime,
    IReadOnlyList<string> Features,
    long Epoch,
    long Seq);
