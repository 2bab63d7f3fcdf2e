using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Streams;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>
/// Subscribes to a user stream (or the broadcast stream) through the cluster client, the way a gateway
/// does, and records every envelope with its sequence token. <see cref="WaitForAsync"/> awaits a matching
/// envelope without polling; <see cref="Received"/> is a snapshot for asserting that nothing else came.
/// </summary>
public sealed class StreamProbe : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(Envelope Envelope, StreamSequenceToken? Token)> _items = [];
    private readonly List<(Func<Envelope, bool> Match, TaskCompletionSource<Envelope> Done)> _waiters = [];
    private StreamSubscriptionHandle<Envelope>? _handle;

    private StreamProbe()
    {
    }

    public static Task<StreamProbe> ForUserAsync(IClusterClient client, string userId) =>
        SubscribeAsync(client, UserStreams.ForUser(userId));

    public static Task<StreamProbe> ForBroadcastAsync(IClusterClient client) =>
        SubscribeAsync(client, UserStreams.Broadcast);

    public IReadOnlyList<Envelope> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.Select(i => i.Envelope)];
            }
        }
    }

    public IReadOnlyList<StreamSequenceToken?> Tokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _items.Select(i => i.Token)];
            }
        }
    }

    public IReadOnlyList<Envelope> OfType(string type) => [.. Received.Where(e => e.Type == type)];

    /// <summary>The first envelope (already received or still to come) of <paramref name="type"/> that matches.</summary>
    public Task<Envelope> WaitForAsync(string type, Func<Envelope, bool>? match = null) =>
        WaitForAsync(e => e.Type == type && (match is null || match(e)));

    public Task<Envelope> WaitForAsync(Func<Envelope, bool> match)
    {
        lock (_lock)
        {
            foreach (var (envelope, _) in _items)
            {
                if (match(envelope))
                {
                    return Task.FromResult(envelope);
                }
            }

            var done = new TaskCompletionSource<Envelope>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TestTimeouts.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            try
            {
                await _handle.UnsubscribeAsync().WithTimeout();
            }
            catch (Exception)
            {
                // The cluster may already be stopped; the lease then simply runs out.
            }
        }
    }

    private static async Task<StreamProbe> SubscribeAsync(IClusterClient client, StreamId streamId)
    {
        var probe = new StreamProbe();
        var stream = client.GetStreamProvider(UserStreams.ProviderName).GetStream<Envelope>(streamId);
        probe._handle = await stream.SubscribeAsync(probe.OnNextAsync).WithTimeout();
        return probe;
    }

    private Task OnNextAsync(Envelope envelope, StreamSequenceToken? token)
    {
        List<TaskCompletionSource<Envelope>> completed = [];
        lock (_lock)
        {
            _items.Add((envelope, token));
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(envelope))
                {
                    completed.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var done in completed)
        {
            done.TrySetResult(envelope);
        }

        return Task.CompletedTask;
    }
}
