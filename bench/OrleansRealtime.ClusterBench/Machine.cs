using System.Runtime;

namespace OrleansRealtime.ClusterBench;

internal static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
        $"load average {LoadAverage()}";

    /// <summary>The 1-minute load average from /proc (the machine is shared), or "?".</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Voluntary and involuntary context switches of the whole process so far (from /proc), or (0, 0).</summary>
    public static (long Voluntary, long Involuntary) ContextSwitches()
    {
        long voluntary = 0, involuntary = 0;
        try
        {
            foreach (var task in System.IO.Directory.GetDirectories("/proc/self/task"))
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        voluntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim());
                    }
                    else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        involuntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim());
                    }
                }
            }
        }
        catch (IOException)
        {
            // A thread that exited while being read; the counts are a diagnostic only.
        }

        return (voluntary, involuntary);
    }

    /// <summary>Process CPU time, for cores used over a run.</summary>
    public static TimeSpan CpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}
