using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Catalog;

/// <summary>
/// The silo's activation table. A message to a grain without an activation creates one; concurrent first
/// calls race on one dictionary insert, so exactly one activation per grain id exists in this silo.
/// A message that meets an activation on its way out is re-routed to the next activation (a bounded
/// number of times, <see cref="MessagingOptions.MaxForwardCount"/>).
/// </summary>
internal sealed partial class Catalog(SiloRuntime runtime, GrainTypeManifest manifest, IOptions<MessagingOptions> messaging, ILogger<Catalog> logger)
    : IMessageSink
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly int _maxForwardCount = messaging.Value.MaxForwardCount;
    private volatile bool _stopping;

    public bool IsStopping => _stopping;

    public int MaxForwardCount => _maxForwardCount;

    public int ActivationCount => _activations.Count;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    public void Send(Message message)
    {
        if (_stopping)
        {
            message.Response?.Fail(new SiloUnavailableException($"The silo is stopping; {message} was not delivered."));
            return;
        }

        if (message.ForwardCount > _maxForwardCount)
        {
            message.Response?.Fail(new RealtimeException($"{message} was re-routed {message.ForwardCount} times while its grain kept deactivating."));
            return;
        }

        if (!manifest.TryGetClass(message.Target.Type, out var info))
        {
            message.Response?.Fail(new GrainTypeNotRegisteredException($"Grain type '{message.Target.Type}' of {message.Target} is not registered in this silo."));
            return;
        }

        var item = new RequestWorkItem(message);
        while (true)
        {
            var activation = GetOrCreate(message.Target, info);
            if (activation.TryEnqueue(item))
            {
                return;
            }

            // It finished deactivating between lookup and enqueue; drop the stale entry and retry.
            _activations.TryRemove(KeyValuePair.Create(message.Target, activation));
        }
    }

    public bool TryGet(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(grainId, out activation!);

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    /// <summary>Puts <paramref name="successor"/> (already holding the old one's waiting calls) in its place and starts it.</summary>
    public void Replace(ActivationData old, ActivationData successor)
    {
        if (_activations.TryUpdate(old.GrainId, successor, old) || ReferenceEquals(_activations.GetOrAdd(old.GrainId, successor), successor))
        {
            successor.StartActivation();
            return;
        }

        // Another activation got in first (not expected: only this path removes a deactivated entry that
        // has waiting calls). Never run two; hand the calls to the one that is there.
        foreach (var item in successor.TakeWaiting())
        {
            item.Resend(this);
        }
    }

    /// <summary>Deactivates one grain if it is active here; completes when it is gone.</summary>
    public Task DeactivateAsync(GrainId grainId, DeactivationReason reason) =>
        TryGet(grainId, out var activation) ? activation.DeactivateAsync(reason) : Task.CompletedTask;

    /// <summary>Stops accepting calls and deactivates everything, waiting at most <paramref name="timeout"/>.</summary>
    public async Task DeactivateAllAsync(TimeSpan timeout)
    {
        _stopping = true;
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "Silo stopping");

        // A call that passed the stopping check just before it was set may still create an activation
        // after a snapshot; a few passes catch those stragglers.
        for (int pass = 0; pass < 3 && !_activations.IsEmpty; pass++)
        {
            var all = _activations.Values.Select(a => a.DeactivateAsync(reason)).ToArray();
            try
            {
                await Task.WhenAll(all).WaitAsync(timeout, runtime.Time);
            }
            catch (TimeoutException)
            {
                LogShutdownTimedOut(logger, all.Count(t => !t.IsCompleted), timeout);
                return;
            }
        }
    }

    /// <summary>Refuses every call from now on and forgets every activation without running anything (a killed silo).</summary>
    public void Abandon()
    {
        _stopping = true;
        _activations.Clear();
    }

    private ActivationData GetOrCreate(GrainId grainId, GrainClassInfo info)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var created = new ActivationData(grainId, info, runtime);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created))
        {
            created.StartActivation();
        }

        return winner;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Count} activations did not deactivate within {Timeout} during shutdown")]
    private static partial void LogShutdownTimedOut(ILogger logger, int count, TimeSpan timeout);
}
