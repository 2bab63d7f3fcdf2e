namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>Every await in these tests has a timeout, so a hang fails fast instead of stalling CI.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

    public static string NewKey(string prefix = "k") => $"{prefix}-{Guid.NewGuid():N}";
}
