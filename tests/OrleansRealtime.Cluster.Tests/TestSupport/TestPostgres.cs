namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>The PostgreSQL server ./test.sh starts. Without it the cluster tests fail: they must never pass by not running.</summary>
public static class TestPostgres
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("REALTIME_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "REALTIME_TEST_POSTGRES is not set: run the tests through ./test.sh, or export REALTIME_TEST_POSTGRES=$(scripts/start-postgres.sh | tail -1).");
}
