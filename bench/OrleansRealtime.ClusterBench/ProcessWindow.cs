namespace OrleansRealtime.ClusterBench;

/// <summary>
/// This process's counters over one measured run (CPU, allocation, gen0 GCs and GC pause time, thread-pool work items, context switches),
/// taken the same way by every latency bench so their tables compare.
/// </summary>
internal readonly record struct ProcessWindow(string Load, TimeSpan Cpu, long Allocated, int Gen0, TimeSpan Paused, long WorkItems, (long Voluntary, long Involuntary) Switches)
{
    public static ProcessWindow Begin() => new(
        Machine.LoadAverage(), Machine.CpuTime(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.GetTotalPauseDuration(), ThreadPool.CompletedWorkItemCount, Machine.ContextSwitches());

    /// <summary>The figures since <see cref="Begin"/>, per event of a run that took <paramref name="elapsed"/>.</summary>
    public Figures End(TimeSpan elapsed, int events)
    {
        var switches = Machine.ContextSwitches();
        return new Figures(
            Load,
            (Machine.CpuTime() - Cpu).TotalSeconds / elapsed.TotalSeconds,
            (GC.GetTotalAllocatedBytes() - Allocated) / (double)events,
            GC.CollectionCount(0) - Gen0,
            (GC.GetTotalPauseDuration() - Paused).TotalMilliseconds,
            (ThreadPool.CompletedWorkItemCount - WorkItems) / (double)events,
            (switches.Voluntary - Switches.Voluntary) / (double)events,
            (switches.Involuntary - Switches.Involuntary) / (double)events);
    }

    public readonly record struct Figures(string Load, double Cores, double AllocatedPerEvent, int Gen0, double GcPauseMs, double WorkItemsPerEvent, double VoluntaryPerEvent, double InvoluntaryPerEvent)
    {
        /// <summary>The thread-pool, context-switch and load rows of the table; <paramref name="scope"/> names whose they are.</summary>
        public void PrintSchedulingRows(string scope = "")
        {
            Console.WriteLine($"| thread-pool work items per event / threads at the end{scope} | {WorkItemsPerEvent:F1} / {ThreadPool.ThreadCount} |");
            Console.WriteLine($"| context switches per event, voluntary / involuntary{scope} | {VoluntaryPerEvent:F1} / {InvoluntaryPerEvent:F2} |");
            Console.WriteLine($"| load average at start (1 min) | {Load} |");
        }
    }
}
