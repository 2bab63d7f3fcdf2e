using System.Diagnostics.Tracing;

namespace OrleansRealtime.ClusterBench;

/// <summary>
/// The runtime's allocation sampling (one GCAllocationTick event about every 100 KB allocated, naming the type that
/// crossed the threshold), aggregated by type: a cheap in-process view of what allocates, for <c>--alloc-profile</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _bytesByType = [];
    private bool _recording;

    public void Start()
    {
        lock (_lock)
        {
            _bytesByType.Clear();
            _recording = true;
        }
    }

    public void PrintTop(int count)
    {
        List<KeyValuePair<string, long>> top;
        long total;
        lock (_lock)
        {
            _recording = false;
            total = _bytesByType.Values.Sum();
            top = [.. _bytesByType.OrderByDescending(kv => kv.Value).Take(count)];
        }

        Console.WriteLine();
        Console.WriteLine("| sampled allocations by type | share |");
        Console.WriteLine("|---|---|");
        foreach (var (type, bytes) in top)
        {
            Console.WriteLine($"| `{type}` | {100.0 * bytes / Math.Max(1, total):F1}% |");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }

        int typeIndex = e.PayloadNames.IndexOf("TypeName");
        int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || e.Payload is null)
        {
            return;
        }

        string type = e.Payload[typeIndex] as string ?? "?";
        long amount = amountIndex >= 0 && e.Payload[amountIndex] is ulong a ? (long)a : 100_000;
        lock (_lock)
        {
            if (_recording)
            {
                _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
            }
        }
    }
}
