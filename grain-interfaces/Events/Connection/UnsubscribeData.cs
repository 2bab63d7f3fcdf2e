namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>unsubscribe</c> (client to server, document 003).</summary>
public sealed record UnsubscribeData(IReadOnlyList<string> Events);
