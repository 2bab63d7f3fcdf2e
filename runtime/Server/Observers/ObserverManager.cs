using System.Collections;
using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Server.Observers;

/// <summary>
/// Orleans' ObserverManager: the observers of a grain, each with an expiry. A subscriber renews by
/// subscribing again before <see cref="ExpirationDuration"/> passes; expired ones are dropped before every
/// notification, and an observer whose notification throws (its client is gone, or it timed out) is dropped
/// too, so dead observers never accumulate. Meant for grain code: it is not thread-safe, and needs no lock
/// because a grain runs one turn at a time.
/// </summary>
public sealed partial class ObserverManager<TIdentity, TObserver>(TimeSpan expiration, TimeProvider time, ILogger logger) : IEnumerable<TObserver>
    where TIdentity : notnull
    where TObserver : notnull
{
    private readonly Dictionary<TIdentity, (TObserver Observer, DateTimeOffset LastSeen)> _observers = [];

    public TimeSpan ExpirationDuration { get; set; } = expiration;

    public int Count => _observers.Count;

    public IReadOnlyDictionary<TIdentity, TObserver> Observers => _observers.ToDictionary(kv => kv.Key, kv => kv.Value.Observer);

    /// <summary>Adds the observer or renews its expiry.</summary>
    public void Subscribe(TIdentity id, TObserver observer) => _observers[id] = (observer, time.GetUtcNow());

    public void Unsubscribe(TIdentity id) => _observers.Remove(id);

    public void Clear() => _observers.Clear();

    /// <summary>Removes observers not renewed within <see cref="ExpirationDuration"/>; returns how many.</summary>
    public int ClearExpired()
    {
        var cutoff = time.GetUtcNow() - ExpirationDuration;
        var expired = _observers.Where(kv => kv.Value.LastSeen < cutoff).Select(kv => kv.Key).ToList();
        foreach (var id in expired)
        {
            _observers.Remove(id);
        }

        return expired.Count;
    }

    /// <summary>
    /// Calls <paramref name="notification"/> on every live observer matching <paramref name="predicate"/>, all
    /// at once, and waits for them. Observers whose call fails are removed; the failures are logged, not thrown.
    /// </summary>
    public async Task Notify(Func<TObserver, Task> notification, Func<TObserver, bool>? predicate = null)
    {
        ClearExpired();
        var targets = _observers.Where(kv => predicate?.Invoke(kv.Value.Observer) ?? true).ToList();
        var calls = targets.Select(async kv =>
        {
            try
            {
                await notification(kv.Value.Observer);
                return (kv.Key, Failure: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (kv.Key, Failure: ex);
            }
        }).ToList();

        var outcomes = await Task.WhenAll(calls);
        for (int i = 0; i < outcomes.Length; i++)
        {
            var (id, failure) = outcomes[i];

            // Remove only the entry that failed: the same id may have subscribed again (a new reference)
            // while the notification was in flight.
            if (failure is not null && _observers.TryGetValue(id, out var current) && ReferenceEquals(current.Observer, targets[i].Value.Observer))
            {
                LogObserverRemoved(logger, failure, id.ToString() ?? string.Empty);
                _observers.Remove(id);
            }
        }
    }

    public IEnumerator<TObserver> GetEnumerator() => _observers.Values.Select(v => v.Observer).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Removed observer {Observer} after a failed notification")]
    private static partial void LogObserverRemoved(ILogger logger, Exception exception, string observer);
}
