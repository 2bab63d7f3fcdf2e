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

    /// <summary>Process CPU time, for cores used over a run.</summary>
    public static TimeSpan CpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}
