namespace OrleansRealtime.Grains.Tests.Events;

/// <summary>
/// Finds the repository root (the folder holding OrleansRealtime.sln) and the shared protocol documents
/// beside it (<c>../shared/seeds</c>), as CI lays them out. A missing folder fails the test: the
/// documents are the contract, so a run without them has tested nothing.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("REALTIME_SEEDS_DIR");
            var path = string.IsNullOrEmpty(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(Root, "..", "shared", "seeds"))
                : fromEnvironment;
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"The protocol documents are not at {path}; clone ../shared beside the repository or set REALTIME_SEEDS_DIR.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansRealtime.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrleansRealtime.sln above {AppContext.BaseDirectory}.");
    }
}
