using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>Services and options of the Conversation area.</summary>
public static class ConversationAreaExtensions
{
    public static ISiloBuilder AddConversationArea(this ISiloBuilder builder) => builder;
}
