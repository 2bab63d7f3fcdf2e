using System.Runtime.InteropServices;

namespace OrleansRealtime.LoadHarness.Hosting;

/// <summary>
/// Raises this process's RLIMIT_NOFILE through setrlimit (children, the servers it starts, inherit it), and
/// says so when it cannot.
/// </summary>
public static partial class FileDescriptorLimit
{
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);

    /// <summary>Tries to make the soft and hard limits at least <paramref name="wanted"/>; returns the soft limit in force.</summary>
    public static ulong Raise(ulong wanted, TextWriter log)
    {
        if (getrlimit(RlimitNofile, out var limit) != 0)
        {
            log.WriteLine($"fd limit: getrlimit failed (errno {Marshal.GetLastPInvokeError()}); continuing with the inherited limit");
            return 0;
        }

        if (limit.Current >= wanted)
        {
            return limit.Current;
        }

        var raised = new RLimit { Current = wanted, Max = Math.Max(wanted, limit.Max) };
        if (setrlimit(RlimitNofile, raised) == 0)
        {
            log.WriteLine($"fd limit: raised RLIMIT_NOFILE from {limit.Current}/{limit.Max} to {wanted}/{raised.Max}");
            return wanted;
        }

        var errno = Marshal.GetLastPInvokeError();
        // Not root (or above fs.nr_open): take what the hard limit allows.
        var capped = new RLimit { Current = limit.Max, Max = limit.Max };
        if (setrlimit(RlimitNofile, capped) == 0)
        {
            log.WriteLine($"fd limit: CANNOT raise RLIMIT_NOFILE to {wanted} (errno {errno}); raised the soft limit to the hard limit {limit.Max} instead. Runs above about {limit.Max - 100} sockets will fail.");
            return limit.Max;
        }

        log.WriteLine($"fd limit: CANNOT raise RLIMIT_NOFILE (errno {errno}); it stays {limit.Current}");
        return limit.Current;
    }
}
