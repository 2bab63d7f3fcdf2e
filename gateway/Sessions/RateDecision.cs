namespace OrleansRealtime.Gateway.Sessions;

/// <summary>The rate limiter's verdict on one inbound message.</summary>
internal enum RateDecision
{
    Accept,

    /// <summary>Accept, and send <c>rate_limit_warning</c> (once per approach to the limit).</summary>
    AcceptWithWarning,

    /// <summary>Do not process it; answer <c>error</c> <c>rate_limited</c>.</summary>
    Refuse,

    /// <summary>Continued abuse: close the socket with 1008.</summary>
    Close,
}
