using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.Server.Catalog;

/// <summary>One turn to run on an activation: a request, or a timer tick.</summary>
internal abstract class WorkItem
{
    public abstract InvokeFlags Flags { get; }

    /// <summary>Whether running this item resets the idle clock.</summary>
    public abstract bool CountsAsActivity { get; }

    /// <summary>The activation the item was started on; set just before it starts.</summary>
    public ActivationData? Activation { get; set; }

    /// <summary>Runs the turn and then reports it finished with <see cref="ActivationData.OnCompleted"/> (one async frame per turn).</summary>
    public abstract Task ExecuteAsync(ActivationData activation);

    /// <summary>The item will never run (activation failed, silo stopping).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>
    /// The activation deactivated before the item ran: true when it may move to the next activation (a request
    /// within its forward budget), false when it must be failed instead (ticks are never carried over).
    /// </summary>
    public abstract bool TryForward(int maxForwardCount);

    /// <summary>Sends the item through the catalog again (only for items that passed <see cref="TryForward"/>).</summary>
    public abstract void Resend(Catalog catalog);

    /// <summary>The activation lost the directory to <paramref name="winner"/> before the item ran: send it there.</summary>
    public virtual void Relocate(Messaging.ClusterRouter cluster, Abstractions.Directory.GrainAddress winner) =>
        Fail(new Abstractions.Exceptions.RealtimeException($"The activation was dropped for {winner} before this item ran."));
}
