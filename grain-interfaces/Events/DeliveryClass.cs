namespace OrleansRealtime.GrainInterfaces.Events;

/// <summary>
/// How hard the system works to deliver an event. It decides what a full send queue or a resuming
/// client does with it.
/// </summary>
public enum DeliveryClass
{
    /// <summary>Kept for replay: a resuming client receives it, and a full queue never silently drops it (gap notice or disconnect).</summary>
    Durable,

    /// <summary>Only the latest per conflation key matters (<c>sync_progress</c> per operation, <c>typing</c> per user): a newer one replaces a queued older one.</summary>
    Conflatable,

    /// <summary>Useful only now (connection control, pongs, streaming chunks already summarized by a durable event): may be dropped under pressure and is never replayed.</summary>
    Ephemeral,
}
