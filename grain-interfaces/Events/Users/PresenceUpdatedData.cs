namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>
/// <c>presence_updated</c> (ours): the user's set of live sessions changed. It carries the whole set, so
/// only the latest one matters (conflatable per user).
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Online">Whether any session is live.</param>
/// <param name="Change"><c>connected</c>, <c>updated</c>, <c>disconnected</c> or <c>expired</c>: what happened to <paramref name="SessionId"/>.</param>
/// <param name="SessionId">The session that changed.</param>
/// <param name="Sessions">Every live session, oldest first.</param>
public sealed record PresenceUpdatedData(string UserId, bool Online, string Change, string SessionId, IReadOnlyList<PresenceSessionData> Sessions);
