namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>One live session in <c>presence_updated</c> (the gateway instance and lease are not shown to clients).</summary>
public sealed record PresenceSessionData(string SessionId, string Device, string Protocol, DateTimeOffset ConnectedAt);
