namespace OrleansRealtime.GrainInterfaces.Events.Connection;

/// <summary><c>rate_limit_warning</c> (document 003): the socket's inbound budget is nearly spent.</summary>
public sealed record RateLimitWarningData(
    int RequestsRemaining,
    int WindowResetSeconds,
    int WarningThreshold);
