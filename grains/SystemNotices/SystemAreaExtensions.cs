using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.SystemNotices;

/// <summary>Services and options of the System area.</summary>
public static class SystemAreaExtensions
{
    public static ISiloBuilder AddSystemArea(this ISiloBuilder builder) => builder;
}
