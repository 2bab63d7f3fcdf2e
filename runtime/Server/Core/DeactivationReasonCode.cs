namespace OrleansRealtime.Server.Core;

public enum DeactivationReasonCode
{
    None,

    /// <summary>The grain called <c>DeactivateOnIdle</c>.</summary>
    ApplicationRequested,

    /// <summary>Idle for longer than its collection age.</summary>
    ActivationIdle,

    /// <summary>The silo is stopping.</summary>
    ShuttingDown,

    /// <summary>Requested from outside the grain (for example a test cluster).</summary>
    ExternalRequest,
}
