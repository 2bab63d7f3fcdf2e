using System.Security.Claims;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>
/// A session over a fake transport: <see cref="WriteAsync"/> records each frame (and can be held at a gate,
/// as a peer that stops reading), <see cref="WriteCloseAsync"/> records the close code. Frames are encoded
/// exactly as the raw WebSocket endpoints encode them and parsed back into <see cref="SentFrame"/>s.
/// </summary>
internal sealed class TestSession : GatewaySession
{
    private readonly Lock _lock = new();
    private readonly List<SentFrame> _frames = [];
    private readonly List<(Func<IReadOnlyList<SentFrame>, bool> Condition, TaskCompletionSource Signal)> _waiters = [];
    private readonly TaskCompletionSource<int> _closed = NewSignal<int>();
    private readonly TaskCompletionSource _aborted = NewSignal();
    private TaskCompletionSource _writeBlocked = NewSignal();
    private TaskCompletionSource? _gate;

    public TestSession(SessionServices services, ScriptedStream stream, string userId = "u1", DateTimeOffset? tokenExpiresAt = null)
        : base(services, userId, PrincipalOf(userId), tokenExpiresAt, "test")
    {
        Stream = stream;
    }

    /// <summary>What the socket's endpoint and subscriptions accept; everything by default.</summary>
    public Func<FeedItem, bool> Filter { get; set; } = _ => true;

    /// <summary>The send loop, once <see cref="StartSending"/> ran.</summary>
    public Task SendLoop { get; private set; } = Task.CompletedTask;

    public IReadOnlyList<SentFrame> Frames
    {
        get
        {
            lock (_lock)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>The stream events written, in order (control frames left out).</summary>
    public IReadOnlyList<SentFrame> Events => [.. Frames.Where(f => f.Seq is not null)];

    /// <summary>The close code written by the send loop.</summary>
    public Task<int> Closed => _closed.Task;

    public Task Aborted => _aborted.Task;

    /// <summary>Completes when a write is waiting at the gate of <see cref="BlockWrites"/>.</summary>
    public Task WriteBlocked
    {
        get
        {
            lock (_lock)
            {
                return _writeBlocked.Task;
            }
        }
    }

    /// <summary>Whether a close was requested (the close instruction is queued, or about to be).</summary>
    public bool CloseRequested => IsClosing;

    public static ClaimsPrincipal PrincipalOf(string userId) =>
        new(new ClaimsIdentity([new Claim(RealtimeClaimTypes.Subject, userId)], "test"));

    public void StartSending() => SendLoop = RunSendLoopAsync();

    /// <summary>Writes wait from now on, as if the peer stopped reading.</summary>
    public void BlockWrites()
    {
        lock (_lock)
        {
            _gate ??= NewSignal();
        }
    }

    /// <summary>The held writes and every later one fail, as when the peer's connection is gone.</summary>
    public void BreakWrites()
    {
        lock (_lock)
        {
            _gate ??= NewSignal();
            _gate.TrySetException(new IOException("the peer is gone"));
        }
    }

    public void ReleaseWrites()
    {
        lock (_lock)
        {
            _gate?.TrySetResult();
            _gate = null;
        }
    }

    /// <summary>Waits until the frames written so far satisfy <paramref name="condition"/>.</summary>
    public Task WaitForAsync(Func<IReadOnlyList<SentFrame>, bool> condition)
    {
        lock (_lock)
        {
            if (condition(_frames))
            {
                return Task.CompletedTask;
            }

            var signal = NewSignal();
            _waiters.Add((condition, signal));
            return signal.Task.WithTimeout();
        }
    }

    /// <summary>Waits for a written stream event with sequence <paramref name="seq"/>.</summary>
    public Task WaitForSeqAsync(long seq) => WaitForAsync(frames => frames.Any(f => f.Seq == seq));

    public Task WaitForTypeAsync(string type) => WaitForAsync(frames => frames.Any(f => f.Type == type));

    /// <summary>Closes normally after what is queued and returns every frame written, so a test can assert on all of them.</summary>
    public async Task<IReadOnlyList<SentFrame>> FinishAsync()
    {
        RequestClose(GatewayCloseCodes.Normal, "test finished");
        await SendLoop.WithTimeout();
        return Frames;
    }

    protected override bool Accepts(FeedItem item) => Filter(item);

    protected override ReadOnlyMemory<byte> EncodeControl(object data, string? id) => EnvelopeFrames.Control(data, Now, id);

    protected override async ValueTask WriteAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Task gate;
        lock (_lock)
        {
            gate = _gate?.Task ?? Task.CompletedTask;
            if (!gate.IsCompleted)
            {
                _writeBlocked.TrySetResult();
                _writeBlocked = NewSignal();
            }
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Record(SentFrame.Parse(message.Item?.Frame ?? message.Frame));
    }

    protected override ValueTask WriteCloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        _closed.TrySetResult(code);
        return ValueTask.CompletedTask;
    }

    protected override void Abort() => _aborted.TrySetResult();

    private void Record(SentFrame frame)
    {
        List<TaskCompletionSource> due = [];
        lock (_lock)
        {
            _frames.Add(frame);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_frames))
                {
                    due.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        // Outside the lock: a waiting test may call back into the session.
        due.ForEach(s => s.TrySetResult());
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource<T> NewSignal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
