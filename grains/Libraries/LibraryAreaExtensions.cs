using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.Libraries;

/// <summary>Services and options of the Library area.</summary>
public static class LibraryAreaExtensions
{
    public static ISiloBuilder AddLibraryArea(this ISiloBuilder builder) => builder;
}
