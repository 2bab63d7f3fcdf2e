namespace OrleansRealtime.Server.Persistence;

/// <summary>
/// Runs a storage provider's schema script once per provider instance. Concurrent first calls share one attempt; a failed
/// or cancelled attempt is forgotten, so the next call tries again (a database that comes up later works
/// without restarting the silo).
/// </summary>
public sealed class SchemaGate(Func<CancellationToken, Task> create)
{
    private readonly Lock _lock = new();
    private Task? _attempt;

    public bool IsReady => _attempt is { IsCompletedSuccessfully: true };

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (IsReady)
        {
            return;
        }

        TaskCompletionSource? mine = null;
        Task attempt;
        lock (_lock)
        {
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
            {
                mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _attempt = mine.Task;
            }

            attempt = _attempt;
        }

        // The script runs outside the lock; whoever started the attempt runs it, the others wait for it.
        if (mine is not null)
        {
            try
            {
                await create(cancellationToken);
                mine.SetResult();
            }
            catch (Exception ex)
            {
                mine.SetException(ex);
            }
        }

        await attempt.WaitAsync(cancellationToken);
    }
}
