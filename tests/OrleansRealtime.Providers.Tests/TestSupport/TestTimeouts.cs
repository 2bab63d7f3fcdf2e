namespace OrleansRealtime.Providers.Tests.TestSupport;

/// <summary>Every await in these tests has a timeout, so a hang fails fast instead of stalling the run.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task WithTimeout(this ValueTask task) => task.AsTask().WaitAsync(Timeout);

    public static Task<T> WithTimeout<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);

    public static string NewKey(string prefix = "k") => $"{prefix}-{Guid.NewGuid():N}";
}
