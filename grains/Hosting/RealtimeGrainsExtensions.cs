using OrleansRealtime.Grains.Conversations;
using OrleansRealtime.Grains.Libraries;
using OrleansRealtime.Grains.SystemNotices;
using OrleansRealtime.Grains.Users;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.Hosting;

/// <summary>Registers every domain grain and the services and options they use (platforms, chat models).</summary>
public static class RealtimeGrainsExtensions
{
    public static ISiloBuilder AddRealtimeGrains(this ISiloBuilder builder)
    {
        builder.AddGrainsFromAssembly(typeof(RealtimeGrainsExtensions).Assembly);
        builder.AddUserArea();
        builder.AddLibraryArea();
        builder.AddConversationArea();
        builder.AddSystemArea();
        return builder;
    }
}
