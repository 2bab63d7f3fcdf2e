using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Abstractions.Timers;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Streams;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Grains.Publishing;

/// <summary>
/// Base of the domain grains: publishes envelopes to a user's stream or to the broadcast stream. Publish only after
/// the state change is persisted, and await it. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para><b>Durable events are never dropped by a stream outage.</b> When the state change is already persisted and
/// the stream cannot take a durable event (its rendezvous is moving to another silo after a failure, the stream
/// log is unreachable), the event waits in this activation's outbox and is published, in order, as soon as the
/// stream answers: retried every <see cref="RetryPeriod"/> while the activation is kept alive, and before any
/// later event of the same grain. The call that made the change completes normally, because the change is
/// committed; its event follows. Returning an error there made callers retry an applied change (a second
/// deposit) while the event of the first was lost.</para>
/// <para>What the outbox cannot survive: the death of this activation's silo before the stream is back (the
/// outbox is memory only), and more than <see cref="MaxPending"/> waiting events (the call then fails). Ephemeral
/// events (typing, AI chunks) are not queued: a failure reaches the caller as before.</para>
/// </remarks>
public abstract partial class PublishingGrain(TimeProvider time) : Grain
{
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(1);

    public const int MaxPending = 1000;

    private readonly Queue<(StreamId Stream, Envelope Envelope)> _outbox = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private IGrainTimer? _retry;

    protected TimeProvider Time { get; } = time;

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Durable events the stream has not taken yet (for tests and diagnostics).</summary>
    protected int PendingEventCount => _outbox.Count;

    protected Task PublishToUserAsync(string userId, Envelope envelope) => PublishAsync(UserStreams.ForUser(userId), envelope);

    protected Task PublishToUserAsync<T>(string userId, T data, string? action = null, string? id = null, string? excludeSessionId = null)
        where T : notnull =>
        PublishToUserAsync(userId, Envelope.Create(data, Now, action, id, excludeSessionId));

    protected Task BroadcastAsync(Envelope envelope) => PublishAsync(UserStreams.Broadcast, envelope);

    protected Task BroadcastAsync<T>(T data, string? action = null)
        where T : notnull =>
        BroadcastAsync(Envelope.Create(data, Now, action));

    private IAsyncStream<Envelope> Stream(StreamId stream) => GetStreamProvider(UserStreams.ProviderName).GetStream<Envelope>(stream);

    private async Task PublishAsync(StreamId stream, Envelope envelope)
    {
        await _publishing.WaitAsync();
        try
        {
            if (!((IStreamLogItem)envelope).PersistInLog)
            {
                // Ephemeral: no point delivering it late. It still waits behind queued durable events, to keep order.
                await FlushAsync();
                if (_outbox.Count > 0)
                {
                    throw new SiloUnavailableException($"The stream {stream} is not taking events; the ephemeral {envelope.Type} was dropped.");
                }

                await Stream(stream).OnNextAsync(envelope);
                return;
            }

            if (_outbox.Count >= MaxPending)
            {
                throw new SiloUnavailableException($"{_outbox.Count} events of {GrainId} are waiting for their stream; {envelope.Type} was refused.");
            }

            _outbox.Enqueue((stream, envelope));
            await FlushAsync();
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>Publishes the outbox in order; stops at the first transient failure and arms the retry. Caller holds <see cref="_publishing"/>.</summary>
    private async Task FlushAsync()
    {
        while (_outbox.TryPeek(out var next))
        {
            try
            {
                await Stream(next.Stream).OnNextAsync(next.Envelope);
            }
            catch (GrainSerializationException)
            {
                // It can never be published; the others behind it can.
                _outbox.Dequeue();
                throw;
            }
            catch (Exception ex)
            {
                LogDeferred(Logger, ex, next.Envelope.Type, next.Stream.ToString(), _outbox.Count);
                _retry ??= RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(RetryPeriod, RetryPeriod) { KeepAlive = true });
                return;
            }

            _outbox.Dequeue();
        }

        _retry?.Dispose();
        _retry = null;
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            await FlushAsync();
        }
        finally
        {
            _publishing.Release();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_outbox.Count > 0)
        {
            LogOutboxLost(Logger, _outbox.Count, GrainId.ToString());
        }

        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private ILogger Logger => ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());

    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "The stream {Stream} did not take {EventType}; it waits in the outbox ({Pending} waiting) and is retried")]
    private static partial void LogDeferred(ILogger logger, Exception exception, string eventType, string stream, int pending);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Error, Message = "{Count} events of {GrainId} were still waiting for their stream when it deactivated; they are lost")]
    private static partial void LogOutboxLost(ILogger logger, int count, string grainId);
}
