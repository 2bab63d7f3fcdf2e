using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Client.Scheduling;
using OrleansRealtime.Client.Streams;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Timers;

using OrleansRealtime.Abstractions.Directory;

namespace OrleansRealtime.Server.Catalog;

/// <summary>
/// One activation of one grain: its instance, its serial scheduler and its mailbox.
/// Scheduling rules (Orleans' defaults):
/// <list type="bullet">
/// <item>A normal request runs only when no other normal or read-only request is running.</item>
/// <item><c>[ReadOnly]</c> requests may run together, never beside a normal one.</item>
/// <item><c>[AlwaysInterleave]</c> requests and interleaving timer ticks run at once.</item>
/// <item>A <c>[Reentrant]</c> class runs every request at once.</item>
/// </list>
/// Waiting requests start in arrival order. Whatever runs, grain code runs one piece at a time on
/// <see cref="Scheduler"/>. State changes happen under <see cref="_lock"/>; no callback or await runs under it.
/// </summary>
internal sealed partial class ActivationData
{
    private readonly Lock _lock = new();
    private readonly Queue<WorkItem> _waiting = new();
    private readonly List<GrainTimer> _timers = [];
    private ActivationState _state = ActivationState.Activating;
    private int _runningNormal;
    private int _runningReadOnly;
    private int _runningTotal;
    private bool _deactivateOnIdle;
    private long _lastActivityTicks;
    private long _keepAliveUntilTicks;
    private TaskCompletionSource? _drained;
    private ActivationData? _successor;
    private StreamConsumerTable? _streamConsumers;

    public ActivationData(GrainId grainId, GrainClassInfo classInfo, SiloRuntime runtime)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        Runtime = runtime;
        _lastActivityTicks = runtime.Time.GetUtcNow().UtcTicks;
    }

    public GrainId GrainId { get; }

    /// <summary>This activation's id; a re-activation of the grain gets a new one.</summary>
    public ActivationId ActivationId { get; } = ActivationId.NewId();

    /// <summary>This activation's directory entry once it has registered (clustered silos only).</summary>
    public GrainAddress? Address { get; private set; }

    /// <summary>True while calls queued here will run here (activating or active), false once it is on its way out.</summary>
    public bool AcceptsCalls
    {
        get
        {
            lock (_lock)
            {
                return _state is ActivationState.Activating or ActivationState.Valid;
            }
        }
    }

    public GrainClassInfo ClassInfo { get; }

    public SiloRuntime Runtime { get; }

    public SerialTaskScheduler Scheduler { get; } = new();

    public object? Instance { get; private set; }

    internal ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The stream consumer extension, created on first use.</summary>
    public StreamConsumerTable StreamConsumers =>
        _streamConsumers ??= new StreamConsumerTable(Runtime.Serializer, unknownSubscriptionIsGone: false);

    /// <summary>The object that answers <paramref name="interfaceType"/>: the grain, or one of its extensions.</summary>
    public object ResolveTarget(Type interfaceType)
    {
        var instance = Instance!;
        if (interfaceType.IsInstanceOfType(instance))
        {
            return instance;
        }

        if (interfaceType == typeof(IStreamConsumerExtension))
        {
            return StreamConsumers;
        }

        throw new NotSupportedException($"Grain {GrainId} ({ClassInfo.GrainClass.Name}) does not implement {interfaceType.Name}.");
    }

    /// <summary>Queues or starts <paramref name="item"/>; false when this activation is already gone.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        bool start = false;
        ActivationData? successor = null;
        lock (_lock)
        {
            switch (_state)
            {
                case ActivationState.Invalid when _successor is null:
                    return false;
                case ActivationState.Invalid:
                    successor = _successor;
                    break;
                case ActivationState.Valid when (_waiting.Count == 0 || IsInterleaving(item)) && CanRun(item):
                    MarkRunning(item);
                    start = true;
                    break;
                default:
                    _waiting.Enqueue(item);
                    break;
            }
        }

        if (start)
        {
            Start(item);
        }

        // Items this activation left waiting moved to its successor; later ones queue behind them there.
        return successor?.TryEnqueue(item) ?? true;
    }

    public void AddTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Add(timer);
        }
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    public void DeactivateOnIdle()
    {
        bool begin;
        lock (_lock)
        {
            _deactivateOnIdle = true;
            begin = _state == ActivationState.Valid && _runningTotal == 0 && _waiting.Count == 0;
            if (begin)
            {
                _state = ActivationState.Deactivating;
            }
        }

        if (begin)
        {
            StartDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle"));
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = Runtime.Time.GetUtcNow() + timeSpan;
        lock (_lock)
        {
            _keepAliveUntilTicks = Math.Max(_keepAliveUntilTicks, until.UtcTicks);
            _deactivateOnIdle = false;
        }
    }

    private bool IsInterleaving(WorkItem item) =>
        ClassInfo.IsReentrant || (item.Flags & InvokeFlags.AlwaysInterleave) != 0;

    private bool CanRun(WorkItem item)
    {
        if (IsInterleaving(item))
        {
            return true;
        }

        return (item.Flags & InvokeFlags.ReadOnly) != 0
            ? _runningNormal == 0
            : _runningNormal == 0 && _runningReadOnly == 0;
    }

    private void MarkRunning(WorkItem item)
    {
        _runningTotal++;
        if (IsInterleaving(item))
        {
            return;
        }

        if ((item.Flags & InvokeFlags.ReadOnly) != 0)
        {
            _runningReadOnly++;
        }
        else
        {
            _runningNormal++;
        }
    }

    private void MarkStopped(WorkItem item)
    {
        _runningTotal--;
        if (IsInterleaving(item))
        {
            return;
        }

        if ((item.Flags & InvokeFlags.ReadOnly) != 0)
        {
            _runningReadOnly--;
        }
        else
        {
            _runningNormal--;
        }
    }

    private void Start(WorkItem item)
    {
        item.Activation = this;
        Scheduler.Post(static state => ((WorkItem)state!).ExecuteAsync(((WorkItem)state!).Activation!), item);
    }

    /// <summary>Called by every work item when its turn ends: starts what may start next, or deactivates.</summary>
    internal void OnCompleted(WorkItem item)
    {
        List<WorkItem>? toStart = null;
        bool deactivate = false;
        TaskCompletionSource? drained = null;
        lock (_lock)
        {
            MarkStopped(item);
            if (item.CountsAsActivity)
            {
                _lastActivityTicks = Runtime.Time.GetUtcNow().UtcTicks;
            }

            if (_state == ActivationState.Valid)
            {
                toStart = TakeRunnable();
                if (_deactivateOnIdle && _runningTotal == 0 && _waiting.Count == 0)
                {
                    _state = ActivationState.Deactivating;
                    deactivate = true;
                }
            }
            else if (_state == ActivationState.Deactivating && _runningTotal == 0)
            {
                drained = _drained;
            }
        }

        StartAll(toStart);
        drained?.TrySetResult();
        if (deactivate)
        {
            StartDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle"));
        }
    }

    /// <summary>
    /// Dequeues every waiting item that may start now: normal and read-only items in FIFO order up to the
    /// first one that must wait, and interleaving items wherever they stand (they never wait). Call under the lock.
    /// </summary>
    private List<WorkItem>? TakeRunnable()
    {
        List<WorkItem>? runnable = null;
        while (_waiting.Count > 0 && CanRun(_waiting.Peek()))
        {
            var next = _waiting.Dequeue();
            MarkRunning(next);
            (runnable ??= []).Add(next);
        }

        if (_waiting.Count > 0 && _waiting.Any(IsInterleaving))
        {
            var blocked = new Queue<WorkItem>(_waiting.Count);
            foreach (var item in _waiting)
            {
                if (IsInterleaving(item))
                {
                    MarkRunning(item);
                    (runnable ??= []).Add(item);
                }
                else
                {
                    blocked.Enqueue(item);
                }
            }

            _waiting.Clear();
            foreach (var item in blocked)
            {
                _waiting.Enqueue(item);
            }
        }

        return runnable;
    }

    private void StartAll(List<WorkItem>? items)
    {
        if (items is null)
        {
            return;
        }

        foreach (var item in items)
        {
            Start(item);
        }
    }
}
