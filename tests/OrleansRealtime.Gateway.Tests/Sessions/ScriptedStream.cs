using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>
/// A user stream whose history the test scripts: <see cref="Publish"/> appends an item (and returns it as
/// the feed would hand it to sessions; an ephemeral event only takes a seq, as in the rendezvous' history),
/// <see cref="Evict"/> trims the bounded history, <see cref="Restart"/> starts a new epoch, and the failure
/// properties make reads throw. Reads follow the contract of
/// <see cref="IAsyncStream{T}.GetItemsAfterAsync"/>: an incomplete range returns no items. A read can be
/// held at <see cref="HoldReads"/> so a test can publish while a session is reading, and a subscription
/// (the user feed's) at <see cref="HoldSubscriptions"/>.
/// </summary>
internal sealed class ScriptedStream(long epoch = 7) : IAsyncStream<Envelope>
{
    private readonly Lock _lock = new();
    private readonly List<StreamHistoryEntry<Envelope>> _history = [];
    private readonly List<StreamSequenceToken> _reads = [];
    private long _epoch = epoch;
    private long _sequence;
    private long _evictedThrough;
    private TaskCompletionSource? _readGate;
    private TaskCompletionSource _readStarted = NewSignal();
    private TaskCompletionSource? _subscribeGate;
    private readonly List<Subscription> _subscriptions = [];

    public StreamId StreamId { get; } = StreamId.Create("user", "u1");

    public string ProviderName => "events";

    /// <summary>Makes every history read throw this.</summary>
    public Exception? ReadFailure { get; set; }

    /// <summary>Makes every position read throw this.</summary>
    public Exception? PositionFailure { get; set; }

    public StreamSequenceToken Position
    {
        get
        {
            lock (_lock)
            {
                return new StreamSequenceToken(_sequence, _epoch);
            }
        }
    }

    /// <summary>The tokens history was read after, in order.</summary>
    public IReadOnlyList<StreamSequenceToken> Reads
    {
        get
        {
            lock (_lock)
            {
                return [.. _reads];
            }
        }
    }

    /// <summary>Completes when a read has started (and, with <see cref="HoldReads"/>, is waiting).</summary>
    public Task ReadStarted
    {
        get
        {
            lock (_lock)
            {
                return _readStarted.Task;
            }
        }
    }

    /// <summary>Appends <paramref name="envelope"/> to the history and returns it stamped, as the feed offers it.</summary>
    public FeedItem Publish(Envelope envelope)
    {
        lock (_lock)
        {
            var token = new StreamSequenceToken(++_sequence, _epoch);

            // As the rendezvous keeps them: an item that opts out of the history (an ephemeral event) only takes a seq.
            if (envelope is not IStreamHistoryItem { RetainInHistory: false })
            {
                _history.Add(new StreamHistoryEntry<Envelope>(envelope, token));
            }

            return new FeedItem(envelope, token);
        }
    }

    /// <summary>Evicts every item up to and including <paramref name="sequence"/> from the history.</summary>
    public void Evict(long sequence)
    {
        lock (_lock)
        {
            _history.RemoveAll(e => e.Token.Sequence <= sequence);
            _evictedThrough = Math.Max(_evictedThrough, sequence);
        }
    }

    /// <summary>The stream was reactivated: a new epoch, an empty history, sequences from 1 again.</summary>
    public void Restart()
    {
        lock (_lock)
        {
            _epoch++;
            _sequence = 0;
            _evictedThrough = 0;
            _history.Clear();
        }
    }

    /// <summary>Holds reads until <see cref="ReleaseReads"/>.</summary>
    public void HoldReads()
    {
        lock (_lock)
        {
            _readGate = NewSignal();
        }
    }

    public void ReleaseReads()
    {
        lock (_lock)
        {
            _readGate?.TrySetResult();
            _readGate = null;
        }
    }

    public async Task<StreamHistoryResult<Envelope>> GetItemsAfterAsync(StreamSequenceToken after, int maxCount)
    {
        Task gate;
        lock (_lock)
        {
            _reads.Add(after);
            gate = _readGate?.Task ?? Task.CompletedTask;
            _readStarted.TrySetResult();
            _readStarted = NewSignal();
        }

        await gate.ConfigureAwait(false);
        if (ReadFailure is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            var position = new StreamSequenceToken(_sequence, _epoch);
            var complete = after.Epoch == _epoch && after.Sequence >= _evictedThrough && after.Sequence <= _sequence;
            if (!complete)
            {
                return new StreamHistoryResult<Envelope>([], IsComplete: false, HasMore: false, position);
            }

            var rest = _history.Where(e => e.Token.Sequence > after.Sequence).ToList();
            return new StreamHistoryResult<Envelope>([.. rest.Take(maxCount)], IsComplete: true, HasMore: rest.Count > maxCount, position);
        }
    }

    public Task<StreamSequenceToken> GetPositionAsync() =>
        PositionFailure is { } failure ? Task.FromException<StreamSequenceToken>(failure) : Task.FromResult(Position);

    public Task OnNextAsync(Envelope item) => throw new NotSupportedException("Sessions never publish.");

    /// <summary>Holds <see cref="SubscribeAsync"/> until <see cref="ReleaseSubscriptions"/>.</summary>
    public void HoldSubscriptions()
    {
        lock (_lock)
        {
            _subscribeGate = NewSignal();
        }
    }

    public void ReleaseSubscriptions()
    {
        lock (_lock)
        {
            _subscribeGate?.TrySetResult();
            _subscribeGate = null;
        }
    }

    /// <summary>The subscriptions made so far, with whether each was released.</summary>
    public IReadOnlyList<Subscription> Subscriptions
    {
        get
        {
            lock (_lock)
            {
                return [.. _subscriptions];
            }
        }
    }

    public async Task<StreamSubscriptionHandle<Envelope>> SubscribeAsync(IAsyncObserver<Envelope> observer)
    {
        Task gate;
        lock (_lock)
        {
            gate = _subscribeGate?.Task ?? Task.CompletedTask;
        }

        await gate.ConfigureAwait(false);
        var subscription = new Subscription(StreamId, ProviderName);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public Task<IList<StreamSubscriptionHandle<Envelope>>> GetAllSubscriptionHandles() =>
        throw new NotSupportedException("The gateway's feeds never resume subscriptions.");

    internal sealed class Subscription(StreamId streamId, string providerName) : StreamSubscriptionHandle<Envelope>
    {
        public override Guid HandleId { get; } = Guid.NewGuid();

        public override StreamId StreamId => streamId;

        public override string ProviderName => providerName;

        public bool Released { get; private set; }

        public override Task UnsubscribeAsync()
        {
            Released = true;
            return Task.CompletedTask;
        }

        public override Task<StreamSubscriptionHandle<Envelope>> ResumeAsync(IAsyncObserver<Envelope> observer) =>
            throw new NotSupportedException("The gateway's feeds never resume subscriptions.");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
