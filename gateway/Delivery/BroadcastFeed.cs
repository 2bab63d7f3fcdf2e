using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Streams;

namespace OrleansRealtime.Gateway.Delivery;

/// <summary>
/// This gateway's subscription to <c>broadcast/all</c> (system notices, maintenance): each broadcast is
/// offered to every open session, which applies its own endpoint and filters. Broadcasts carry no
/// <c>seq</c> and are never replayed. The subscription is made at start and retried until it succeeds, and
/// the drain at shutdown starts here, at ApplicationStopping, while Kestrel still serves the sockets.
/// </summary>
internal sealed partial class BroadcastFeed(
    GatewayStreams streams,
    SessionRegistry registry,
    SessionServices services,
    IHostApplicationLifetime lifetime,
    ILogger<BroadcastFeed> logger) : IHostedService, IAsyncObserver<Envelope>
{
    private CancellationTokenRegistration _onStopping;
    private GatewaySession[] _drained = [];

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();
    private Task _subscribing = Task.CompletedTask;
    private StreamSubscriptionHandle<Envelope>? _handle;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscribing = SubscribeUntilDoneAsync(_stopping.Token);

        // Kestrel stops before this service and waits for open connections, so the sockets must be told at
        // ApplicationStopping, the first signal of a shutdown.
        _onStopping = lifetime.ApplicationStopping.Register(() => _drained = registry.BeginDrain());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _onStopping.DisposeAsync().ConfigureAwait(false);
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _subscribing.ConfigureAwait(false);
            if (_handle is not null)
            {
                await _handle.UnsubscribeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(logger, ex);
        }
    }

    public Task OnNextAsync(Envelope item, StreamSequenceToken? token = null)
    {
        try
        {
            var feedItem = new FeedItem(item, token: null);
            foreach (var session in registry.All)
            {
                session.OnBroadcast(feedItem);
            }
        }
        catch (Exception ex)
        {
            LogFanOutFailed(logger, ex);
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Sends every socket <c>reconnect</c> and a 1012 close (if ApplicationStopping did not already), then waits (bounded) for them to close.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var sessions = registry.IsDraining ? _drained : registry.BeginDrain();
        if (sessions.Length == 0)
        {
            return;
        }

        LogDraining(logger, sessions.Length);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(services.Options.DrainTimeout);
        try
        {
            await Task.WhenAll(sessions.Select(s => s.Completion)).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(logger, registry.Count);
        }
    }

    private async Task SubscribeUntilDoneAsync(CancellationToken cancellationToken)
    {
        var stream = streams.Provider.GetStream<Envelope>(UserStreams.Broadcast);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _handle = await stream.SubscribeAsync(this).ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                LogSubscribeFailed(logger, ex);
                try
                {
                    await Task.Delay(RetryDelay, services.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Could not subscribe to the broadcast stream; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Error, Message = "Fan-out of a broadcast failed")]
    private static partial void LogFanOutFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Debug, Message = "Could not release the broadcast subscription; its lease will run out")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2124, Level = LogLevel.Information, Message = "Draining {Count} sockets: each gets reconnect and a 1012 close")]
    private static partial void LogDraining(ILogger logger, int count);

    [LoggerMessage(EventId = 2125, Level = LogLevel.Warning, Message = "Drain timed out with {Count} sockets still open; they will be aborted")]
    private static partial void LogDrainTimedOut(ILogger logger, int count);
}
