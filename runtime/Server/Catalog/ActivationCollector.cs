using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Catalog;

/// <summary>
/// Every <see cref="GrainCollectionOptions.CollectionQuantum"/>, deactivates the activations that have been
/// idle (nothing running or queued, no <c>DelayDeactivation</c> in force) for their collection age.
/// Driven by the injected <see cref="TimeProvider"/>, so tests advance a fake clock instead of waiting.
/// </summary>
internal sealed partial class ActivationCollector(Catalog catalog, TimeProvider time, IOptions<GrainCollectionOptions> options, ILogger<ActivationCollector> logger)
    : IDisposable
{
    private readonly GrainCollectionOptions _options = options.Value;
    private ITimer? _timer;

    public void Start() =>
        _timer = time.CreateTimer(static s => ((ActivationCollector)s!).Collect(), this, _options.CollectionQuantum, _options.CollectionQuantum);

    /// <summary>One collection pass; returns how many activations it started deactivating.</summary>
    public int Collect()
    {
        var now = time.GetUtcNow();
        int count = 0;
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle collection");
        foreach (var activation in catalog.Activations)
        {
            if (activation.TryBeginIdleDeactivation(now, _options.AgeFor(activation.ClassInfo)))
            {
                activation.StartDeactivation(reason);
                count++;
            }
        }

        if (count > 0)
        {
            LogCollected(logger, count);
        }

        return count;
    }

    public void Dispose() => _timer?.Dispose();

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Idle collection is deactivating {Count} activations")]
    private static partial void LogCollected(ILogger logger, int count);
}
