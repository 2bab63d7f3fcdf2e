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

    /// <summary>The activation deactivated before the item ran; requests move to a new activation, ticks are dropped.</summary>
    public abstract void Reroute(Catalog catalog);
}
