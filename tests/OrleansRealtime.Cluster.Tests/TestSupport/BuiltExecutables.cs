using System.Reflection;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// Where the solution build put the silo and gateway executables: <c>silo/bin/&lt;Configuration&gt;/net10.0</c> and
/// <c>gateway/bin/...</c> of the repository this test assembly was built in, in the test's own configuration.
/// The project references them (without their assemblies), so a solution build builds them first.
/// </summary>
public static class BuiltExecutables
{
    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    public static string Silo => Locate("silo", "OrleansRealtime.Silo.dll");

    public static string Gateway => Locate("gateway", "OrleansRealtime.Gateway.dll");

    private static string Locate(string project, string dll)
    {
        var configuration = typeof(BuiltExecutables).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryRoot.Value, project, "bin", configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{dll} is not built at {path}: build the solution first (./test.sh does).", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansRealtime.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrleansRealtime.sln above {AppContext.BaseDirectory}.");
    }
}
