namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// A silo's status in the membership table: the cluster's view of it, written by the silo itself (joining,
/// active, shutting down) or by another silo (dead). Numbered as Orleans' <c>SiloStatus</c>, so a stored row
/// reads the same to someone who knows Orleans' tables; the values Orleans has and this runtime does not use
/// (1 Created, 5 Stopping) are left free.
/// </summary>
/// <remarks>
/// Not the same thing as <c>OrleansRealtime.Server.Hosting.SiloStatus</c>, which is the local lifecycle of one
/// silo object (what <c>/healthz</c> reports). The two relate as: hosting <c>Starting</c> → row
/// <see cref="Joining"/>; <c>Active</c> → <see cref="Active"/>; <c>Stopping</c> → <see cref="ShuttingDown"/>;
/// <c>Stopped</c> → <see cref="Dead"/> (a silo that stops cleanly marks itself dead, as in Orleans, so nobody
/// waits for its death timeout). A silo that is killed stays <see cref="Active"/> in the table until another
/// silo declares it <see cref="Dead"/>.
/// </remarks>
public enum SiloStatus
{
    /// <summary>Not a valid row status; the default of the enum.</summary>
    None = 0,

    /// <summary>Inserted, starting up: not yet serving grain calls, not yet a gateway for clients.</summary>
    Joining = 2,

    /// <summary>Serving grain calls (and client connections when it has a gateway port).</summary>
    Active = 3,

    /// <summary>Stopping gracefully: takes no new activations, finishes and hands off the ones it has.</summary>
    ShuttingDown = 4,

    /// <summary>
    /// Final. Declared by the silo itself at the end of a clean stop, or by another silo once the silo's
    /// heartbeat is older than the death timeout. A dead row never changes status again (the tables refuse
    /// it); the process, if it still runs, must stop, and a restart joins as a new generation.
    /// </summary>
    Dead = 6,
}
