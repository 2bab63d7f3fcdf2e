using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Timers;

namespace OrleansRealtime.Server.Catalog;

/// <summary>Activation and deactivation.</summary>
internal sealed partial class ActivationData
{
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the activation is gone (deactivated, or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>
    /// Creates the grain, reads its persistent state and runs <c>OnActivateAsync</c> as the first turn.
    /// On failure every waiting request fails with the activation's exception and the activation is
    /// removed, so the next call tries again from scratch.
    /// </summary>
    public void StartActivation() => Scheduler.Post(static a => a.ActivateAsync(), this);

    private async Task ActivateAsync()
    {
        try
        {
            if (Runtime.Cluster is { } cluster)
            {
                // Single activation: nothing runs here until the directory says this activation is the one.
                var address = cluster.CreateAddress(this);
                var winner = await cluster.RegisterActivationAsync(address);
                if (!winner.Equals(address))
                {
                    Relocate(cluster, winner);
                    return;
                }

                Address = address;
            }

            var (instance, states) = Runtime.Activator.Create(this);
            Instance = instance;
            foreach (var state in states)
            {
                await state.ReadStateAsync();
            }

            if (instance is Grain grain)
            {
                using var cts = new CancellationTokenSource(Runtime.Collection.ActivationTimeout, Runtime.Time);
                await grain.OnActivateAsync(cts.Token);
            }
        }
        catch (Exception ex)
        {
            Runtime.LogActivationFailed(ex, GrainId);
            await FinishAsync(failure: ex);
            return;
        }

        List<WorkItem>? toStart;
        bool deactivate = false;
        lock (_lock)
        {
            if (_state != ActivationState.Activating)
            {
                // Deactivation was requested during activation (silo stopping).
                toStart = null;
                deactivate = true;
            }
            else
            {
                _state = ActivationState.Valid;
                _lastActivityTicks = Runtime.Time.GetUtcNow().UtcTicks;
                toStart = TakeRunnable();
            }
        }

        StartAll(toStart);
        if (deactivate)
        {
            await DeactivateCoreAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "Stopped during activation"));
        }
    }

    /// <summary>
    /// Atomically moves an idle, valid activation to Deactivating when it has been idle for
    /// <paramref name="age"/> and no <c>DelayDeactivation</c> holds it.
    /// </summary>
    public bool TryBeginIdleDeactivation(DateTimeOffset now, TimeSpan age)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _runningTotal != 0 || _waiting.Count != 0
                || now.UtcTicks < _keepAliveUntilTicks || now.UtcTicks - _lastActivityTicks < age.Ticks)
            {
                return false;
            }

            _state = ActivationState.Deactivating;
            return true;
        }
    }

    /// <summary>Deactivates now or as soon as running requests finish; completes when it is gone.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        bool begin;
        lock (_lock)
        {
            begin = _state is ActivationState.Valid or ActivationState.Activating;
            if (_state == ActivationState.Valid)
            {
                _state = ActivationState.Deactivating;
            }
            else if (_state == ActivationState.Activating)
            {
                // ActivateAsync sees the changed state and deactivates when it finishes.
                _state = ActivationState.Deactivating;
                begin = false;
            }
        }

        if (begin)
        {
            StartDeactivation(reason);
        }

        return Deactivated;
    }

    /// <summary>Runs deactivation on the scheduler. The state must already be Deactivating.</summary>
    public void StartDeactivation(DeactivationReason reason) =>
        Scheduler.Post(static s => s.Activation.DeactivateCoreAsync(s.Reason), (Activation: this, Reason: reason));

    private async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        Task? drained = null;
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }

        // A tick waiting on its cancellation token must not hold deactivation open.
        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        lock (_lock)
        {
            if (_runningTotal > 0)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = _drained.Task;
            }
        }

        if (drained is not null)
        {
            await drained;
        }

        if (Instance is Grain grain)
        {
            try
            {
                using var cts = new CancellationTokenSource(Runtime.Collection.DeactivationTimeout, Runtime.Time);
                await grain.OnDeactivateAsync(reason, cts.Token);
            }
            catch (Exception ex)
            {
                Runtime.LogDeactivationFailed(ex, GrainId);
            }
        }

        await FinishAsync(failure: null);
    }

    /// <summary>
    /// Leaves the catalog and hands waiting items on: failed after a failed activation or while the silo
    /// stops, otherwise moved, in order, to a successor activation that takes this one's place in the
    /// catalog in the same step (so a call sent meanwhile queues behind them, never ahead).
    /// </summary>
    private Task FinishAsync(Exception? failure)
    {
        GrainTimer[] timers;
        List<WorkItem> failed = [];
        ActivationData? successor = null;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            timers = [.. _timers];
            _timers.Clear();
            if (failure is null && _waiting.Count > 0 && !Runtime.Catalog.IsStopping)
            {
                successor = new ActivationData(GrainId, ClassInfo, Runtime);
                foreach (var item in _waiting)
                {
                    if (item.TryForward(Runtime.Catalog.MaxForwardCount))
                    {
                        successor._waiting.Enqueue(item);
                    }
                    else
                    {
                        failed.Add(item);
                    }
                }

                _successor = successor;
            }
            else
            {
                failed.AddRange(_waiting);
            }

            _waiting.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        if (successor is not null)
        {
            Runtime.Catalog.Replace(this, successor);
        }
        else
        {
            Runtime.Catalog.Remove(this);
        }

        foreach (var item in failed)
        {
            item.Fail(failure
                ?? (Runtime.Catalog.IsStopping
                    ? new SiloUnavailableException($"The silo is stopping; {GrainId} was not re-activated.")
                    : new RealtimeException($"A call to {GrainId} was re-routed too often while the grain kept deactivating.")));
        }

        if (Address is { } registered)
        {
            // Not awaited: a successor registers over a stale local entry anyway (see GrainLocator.RegisterAsync).
            _ = Runtime.Cluster!.UnregisterActivationAsync(registered);
        }

        _deactivated.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Another activation won the directory: this one never ran. It leaves the catalog and hands every waiting call
    /// to the winner, in order (a caller on another silo is redirected, a local one forwarded).
    /// </summary>
    private void Relocate(Messaging.ClusterRouter cluster, GrainAddress winner)
    {
        List<WorkItem> items;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            items = [.. _waiting];
            _waiting.Clear();
        }

        Runtime.Catalog.Remove(this);
        foreach (var item in items)
        {
            item.Relocate(cluster, winner);
        }

        _deactivated.TrySetResult();
    }

    /// <summary>Takes every waiting item out of an activation that never started (see <see cref="Catalog.Replace"/>).</summary>
    internal List<WorkItem> TakeWaiting()
    {
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            var items = _waiting.ToList();
            _waiting.Clear();
            return items;
        }
    }
}
