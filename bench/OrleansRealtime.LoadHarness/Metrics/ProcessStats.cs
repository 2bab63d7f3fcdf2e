using System.Globalization;

namespace OrleansRealtime.LoadHarness.Metrics;

/// <summary>Reads a process's resident memory (<c>/proc/PID/status</c> VmRSS) and CPU time (<c>/proc/PID/stat</c> utime+stime).</summary>
public static class ProcessStats
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ; 100 on every Linux this runs on

    /// <summary>VmRSS in bytes, or -1 when the process is gone.</summary>
    public static long RssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ", field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>A CPU meter over a window: cores used on average (1.0 = one core busy).</summary>
    public sealed class CpuWindow(int pid)
    {
        private readonly double _start = CpuSeconds(pid);
        private readonly long _t0 = System.Diagnostics.Stopwatch.GetTimestamp();

        public double Cores() => (CpuSeconds(pid) - _start) / System.Diagnostics.Stopwatch.GetElapsedTime(_t0).TotalSeconds;
    }
}
