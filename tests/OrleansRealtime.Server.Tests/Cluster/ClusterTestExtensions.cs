using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Server.Hosting;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Server.Tests.Cluster;

/// <summary>Shared set-up and integrity checks of the multi-silo cluster tests.</summary>
public static class ClusterTestExtensions
{
    public static MultiSiloTestCluster NewCluster(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(silo => silo.AddGrainsFromAssembly(typeof(ClusterTestExtensions).Assembly), settings);

    public static GrainId ProbeId(string key) => new("test.probe", key);

    /// <summary>
    /// The directory's integrity: no grain is active in two running silos, and every directory entry of a running silo
    /// names an activation that silo really has (entries of silos not yet declared dead are allowed to linger).
    /// </summary>
    public static void AssertDirectoryIntegrity(this MultiSiloTestCluster cluster)
    {
        var running = cluster.Silos;
        foreach (var entry in cluster.Directory.Entries)
        {
            if (entry.GrainId.Type == "sys.host")
            {
                continue;
            }

            var owner = running.FirstOrDefault(s => s.Address.Equals(entry.SiloAddress));
            if (owner is not null)
            {
                Assert.True(owner.Hosts(entry.GrainId) || !owner.IsRunning,
                    $"The directory names {owner} for {entry.GrainId}, which that silo does not host.");
            }
        }

        var duplicates = running
            .SelectMany(s => s.Services.GetActivations().Select(a => (Silo: s, Grain: a)))
            .GroupBy(x => x.Grain)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} on {string.Join(", ", g.Select(x => x.Silo))}")
            .ToList();
        Assert.True(duplicates.Count == 0, $"Grains active in two silos: {string.Join("; ", duplicates)}");
    }

    internal static Server.Catalog.Catalog GetCatalog(this IServiceProvider services) => services.GetRequiredService<Server.Catalog.Catalog>();

    internal static Server.Directory.GrainLocator GetLocator(this IServiceProvider services) => services.GetRequiredService<Server.Directory.GrainLocator>();

    private static IEnumerable<GrainId> GetActivations(this IServiceProvider services) =>
        services.GetCatalog().Activations.Where(a => a.AcceptsCalls).Select(a => a.GrainId);
}
