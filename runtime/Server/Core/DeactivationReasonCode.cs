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

    /// <summary>
    /// A call let an etag conflict of the activation's own state escape (<see cref="Abstractions.Persistence.InconsistentStateException"/>):
    /// the activation holds a stale etag, and the next call re-reads the state in a fresh one, as in Orleans.
    /// </summary>
    ApplicationError,
}
