namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>resync_required</c>: the requested resume point is gone (history trimmed, or the epoch changed); the client must reload state, then continue from <c>epoch</c>/<c>seq</c>.</summary>
public sealed record ResyncRequiredData(
    string Reason,
    long Epoch,
    long Seq);
