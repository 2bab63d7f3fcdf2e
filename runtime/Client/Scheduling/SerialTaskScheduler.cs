namespace OrleansRealtime.Client.Scheduling;

/// <summary>
/// Runs the tasks queued to it one at a time, in FIFO order, on thread-pool threads: the equivalent of
/// Orleans' per-activation scheduler. Because <c>await</c> in code started on this scheduler resumes on
/// <see cref="TaskScheduler.Current"/>, every continuation of a turn comes back here, so two pieces of one
/// activation's code never run in parallel, even when requests interleave.
/// A busy scheduler yields the thread after <see cref="BatchSize"/> tasks so one hot activation cannot
/// starve the pool.
/// </summary>
public sealed class SerialTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private const int BatchSize = 64;

    [ThreadStatic]
    private static SerialTaskScheduler? t_running;

    private readonly Lock _lock = new();
    private readonly Queue<Task> _queue = new();
    private bool _scheduled;

    /// <summary>True when the calling thread is currently running this scheduler's tasks.</summary>
    public bool IsRunningOnCurrentThread => t_running == this;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Starts <paramref name="work"/> as a new turn on this scheduler.</summary>
    public Task Run(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Starts <paramref name="work"/> with a state object: one task allocation, no closure.</summary>
    public void Post(Func<object?, Task> work, object? state) =>
        _ = Task.Factory.StartNew(work, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this);

    /// <summary>Starts <paramref name="work"/> with a typed state argument, without a closure allocation.</summary>
    public void Post<TState>(Func<TState, Task> work, TState state) =>
        _ = Task.Factory.StartNew(static s => ((Invocation<TState>)s!).Run(), new Invocation<TState>(work, state), CancellationToken.None, TaskCreationOptions.DenyChildAttach, this);

    protected override void QueueTask(Task task)
    {
        bool schedule;
        lock (_lock)
        {
            _queue.Enqueue(task);
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Inlining is only safe on the thread that is already running this scheduler's turn.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        t_running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_lock)
        {
            return _queue.ToArray();
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = t_running;
        t_running = this;
        try
        {
            for (int i = 0; i < BatchSize; i++)
            {
                Task? task;
                lock (_lock)
                {
                    if (!_queue.TryDequeue(out task))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = previous;
        }

        // Still work left after a full batch: go to the back of the thread-pool queue.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private sealed class Invocation<TState>(Func<TState, Task> work, TState state)
    {
        public Task Run() => work(state);
    }
}
