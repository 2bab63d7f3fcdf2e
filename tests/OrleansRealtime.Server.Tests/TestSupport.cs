using System.Collections.Concurrent;

namespace OrleansRealtime.Server.Tests;

/// <summary>Timeouts for every await in tests, and named signals test grains use to talk to tests.</summary>
public static class TestSupport
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static string NewKey(string prefix = "k") => $"{prefix}-{Guid.NewGuid():N}";
}

/// <summary>Process-wide named one-shot signals, so grains (which the runtime constructs) can report to tests.</summary>
public static class Signals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> All = new();

    public static TaskCompletionSource<object?> Get(string name) =>
        All.GetOrAdd(name, _ => new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));

    public static void Set(string name, object? value = null) => Get(name).TrySetResult(value);

    public static Task<object?> Wait(string name) => Get(name).Task.WaitAsync(TestSupport.Timeout);
}

/// <summary>Process-wide named counters.</summary>
public static class Counters
{
    private static readonly ConcurrentDictionary<string, int> All = new();

    public static int Increment(string name) => All.AddOrUpdate(name, 1, (_, v) => v + 1);

    public static int Get(string name) => All.TryGetValue(name, out var v) ? v : 0;
}
