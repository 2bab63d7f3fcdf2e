namespace OrleansRealtime.Server.Membership;

/// <summary>What the membership agent just finished, for <see cref="MembershipAgent.ActivityCompleted"/> (tests and diagnostics).</summary>
internal enum MembershipActivity
{
    /// <summary>A heartbeat was written.</summary>
    Heartbeat,

    /// <summary>A heartbeat failed (table unreachable); the next try comes sooner.</summary>
    HeartbeatFailed,

    /// <summary>A table refresh (read, death declarations, directory cleanup) finished, successfully or not.</summary>
    Refresh,

    /// <summary>A cleanup of defunct rows finished, successfully or not.</summary>
    Cleanup,

    /// <summary>The table showed this silo dead: it is fenced for good and its timers stopped.</summary>
    DeclaredDead,
}
