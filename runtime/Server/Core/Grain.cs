using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Abstractions.Timers;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Streams;
using OrleansRealtime.Server.Timers;

namespace OrleansRealtime.Server.Core;

/// <summary>
/// Base class of grain implementations, as in Orleans. The runtime constructs grains (constructor
/// parameters come from DI or are <c>[PersistentState]</c> states); all grain code runs in turns on the
/// activation's scheduler, so it needs no locks.
/// </summary>
public abstract class Grain : IAddressable, IGrainIdentity
{
    private IStreamProvider? _lastStreamProvider;

    protected Grain()
    {
        Activation = RuntimeContext.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} is a grain: obtain it with IGrainFactory.GetGrain, never with 'new'.");
    }

    public GrainId GrainId => Activation.GrainId;

    public string IdentityString => $"{Activation.ClassInfo.GrainClass.Name}/{GrainId}";

    internal ActivationData Activation { get; }

    protected IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    protected IServiceProvider ServiceProvider => Activation.Runtime.Services;

    /// <summary>Runs before the first request, after persistent state is read. Throwing fails the activation (and the waiting calls).</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the last request of this activation. Exceptions are logged; the activation goes away regardless.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivate once no request is running; later calls go to a fresh activation.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();

    /// <summary>Keep this activation from idle collection for at least <paramref name="timeSpan"/> from now.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => Activation.DelayDeactivation(timeSpan);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) =>
        new GrainTimer(Activation, callback, options);

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options) =>
        new GrainTimer(Activation, ct => callback(state, ct), options);

    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period) =>
        new GrainTimer(Activation, _ => callback(), new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers (or moves) a durable reminder; ticks arrive through <see cref="IRemindable.ReceiveReminder"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => Activation.Runtime.Reminders.UnregisterAsync(GrainId, reminder);

    protected Task<IGrainReminder?> GetReminder(string reminderName) => Activation.Runtime.Reminders.GetAsync(GrainId, reminderName);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Activation.Runtime.Reminders.GetAllAsync(GrainId);

    /// <summary>A stream provider whose subscriptions belong to this grain (durable, resumable after re-activation).</summary>
    protected IStreamProvider GetStreamProvider(string name)
    {
        if (_lastStreamProvider?.Name == name)
        {
            return _lastStreamProvider;
        }

        return _lastStreamProvider = GrainStreamSubscriber.CreateProvider(Activation, name);
    }
}
