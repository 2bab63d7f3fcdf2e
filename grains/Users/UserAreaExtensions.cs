using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.Users;

/// <summary>Services and options of the User area.</summary>
public static class UserAreaExtensions
{
    public static ISiloBuilder AddUserArea(this ISiloBuilder builder) => builder;
}
