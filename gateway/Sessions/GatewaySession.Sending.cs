using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.Sessions;

internal abstract partial class GatewaySession
{
    /// <summary>How long a close may take to reach a peer before the socket is aborted (a slow consumer does not read it).</summary>
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(2);

    /// <summary>Cancels the send loop's writes at the close deadline; on <see cref="SessionServices.Time"/>, like every deadline.</summary>
    // Cancelled by a timer of the injected clock that exists only once a close was asked for: an open socket
    // holds no timer for it.
    private readonly CancellationTokenSource _sendAbort = new();
    private ITimer? _closeDeadline;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the socket is gone (closed or aborted) and the session released everything it held.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Called once by the endpoint after the socket ended and the session was detached.</summary>
    internal void MarkCompleted()
    {
        StopTimers();
        Interlocked.Exchange(ref _closeDeadline, null)?.Dispose();
        _sendAbort.Dispose();
        _completion.TrySetResult();
    }
    private bool _closing;

    /// <summary>Writes one queued message (an event or a control frame) to the wire. Called only by the send loop.</summary>
    protected abstract ValueTask WriteAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Sends the close handshake with <paramref name="code"/>. Called only by the send loop, last.</summary>
    protected abstract ValueTask WriteCloseAsync(int code, string reason, CancellationToken cancellationToken);

    /// <summary>Tears the connection down without a handshake.</summary>
    protected abstract void Abort();

    /// <summary>The close code the session ended with (0 while open): for logs and tests.</summary>
    public int CloseCode { get; private set; }

    /// <summary>
    /// The socket's one send loop: drains the queue in order until the close instruction, then closes the
    /// transport. A write that fails (the peer is gone) or outlives the close deadline aborts the socket.
    /// </summary>
    public async Task RunSendLoopAsync()
    {
        try
        {
            while (true)
            {
                await Queue.WaitAsync().ConfigureAwait(false);
                while (Queue.TryDequeue(out var message))
                {
                    if (message.IsClose)
                    {
                        CloseCode = message.CloseCode;
                        await WriteCloseAsync(message.CloseCode, message.CloseReason!, _sendAbort.Token).ConfigureAwait(false);
                        return;
                    }

                    await WriteAsync(message, _sendAbort.Token).ConfigureAwait(false);
                    Services.Metrics.Delivered.Add(1);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer went away or stopped reading: nothing more can be written. Closing the queue also
            // releases a replay waiting for room in it.
            Abort();
            RequestClose(GatewayCloseCodes.InternalError, "aborted");
        }
    }

    /// <summary>
    /// Asks the send loop to close after what is queued, with <paramref name="code"/> (see <see cref="GatewayCloseCodes"/>).
    /// The first request wins. Idempotent and safe from any thread.
    /// </summary>
    public void RequestClose(int code, string reason, TimeSpan? deadline = null)
    {
        lock (_lock)
        {
            if (_closing)
            {
                return;
            }

            _closing = true;
        }

        if (code == GatewayCloseCodes.SlowConsumer)
        {
            // What is queued cannot reach the client in time anyway; it resumes from its last seq instead.
            Queue.DiscardAll();
        }

        Queue.Enqueue(OutboundMessage.Close(code, reason));
        try
        {
            var timer = Services.Time.CreateTimer(static state => CancelQuietly((CancellationTokenSource)state!), _sendAbort, deadline ?? CloseDeadline, Timeout.InfiniteTimeSpan);
            Interlocked.Exchange(ref _closeDeadline, timer)?.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // A timer (token expiry, resume window) asked after the session ended: nothing is left to close.
        }
    }

    /// <summary>The gateway is shutting down: tell the client to reconnect elsewhere and resume, then close with 1012.</summary>
    public void Drain()
    {
        SendControl(new ReconnectData("server_shutdown", Services.Options.DrainRetryAfterMs));
        RequestClose(GatewayCloseCodes.ServiceRestart, "server_shutdown: reconnect and resume", Services.Options.DrainTimeout);
    }

    protected bool IsClosing
    {
        get
        {
            lock (_lock)
            {
                return _closing;
            }
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended before its deadline.
        }
    }
}
