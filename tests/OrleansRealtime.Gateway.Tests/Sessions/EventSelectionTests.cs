using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Connection;
using static OrleansRealtime.Gateway.Tests.Sessions.TestEvents;

namespace OrleansRealtime.Gateway.Tests.Sessions;

public sealed class EventSelectionTests
{
    private static readonly FeedItem GameAdded = Item("game_added", """{"library_id":"lib-1","game":{"game_id":"g1","title":"T","genres":["RPG"]},"source":"steam"}""");
    private static readonly FeedItem GameUpdated = Item("game_updated", """{"library_id":"lib-1","game_id":"g1","changes":{},"source":"steam"}""");
    private static readonly FeedItem SyncStarted = Item("sync_started", """{"operation_id":"op-1","library_id":"lib-1"}""");
    private static readonly FeedItem SyncProgress = Item("sync_progress", """{"operation_id":"op-1","library_id":"lib-1"}""");
    private static readonly FeedItem ChatChunk = Item("ai_chat_response_chunk", """{"conversation_id":"c1","chunk":"x"}""");
    private static readonly FeedItem UserNotification = Item("notification", """{"id":"n1","title":"t","message":"m","type":"info"}""");
    private static readonly FeedItem Typing = Item("typing", """{"is_typing":true}""");
    private static readonly FeedItem PluginUpdate = Item("plugin_weather_update", """{"city":"Oslo"}""");

    [Fact]
    public void All_BeforeTheFirstSubscribe_MatchesEveryEventIncludingPluginTypes()
    {
        FeedItem[] all = [GameAdded, GameUpdated, SyncStarted, SyncProgress, ChatChunk, UserNotification, Typing, PluginUpdate, SystemNotification("info")];

        Assert.All(all, item => Assert.True(EventSelection.All.Matches(item), item.Envelope.Type));
        Assert.Null(EventSelection.All.Names);
        Assert.Equal(EventSelection.Features, EventSelection.All.Describe());
    }

    [Fact]
    public void Subscribe_TypesAndCategories_MatchesTheirUnionOnly()
    {
        var selection = EventSelection.All.Subscribe(["game_added", "ai_chat"], filters: null);

        Assert.True(selection.Matches(GameAdded));
        Assert.True(selection.Matches(ChatChunk));
        Assert.False(selection.Matches(GameUpdated));
        Assert.False(selection.Matches(SyncProgress));
        Assert.False(selection.Matches(UserNotification));

        var wider = selection.Subscribe(["sync_progress"], filters: null);
        Assert.True(wider.Matches(GameAdded));
        Assert.True(wider.Matches(SyncStarted)); // sync_progress is also the category of every sync event
        Assert.Equal(["ai_chat", "game_added", "sync_progress"], wider.Describe());
    }

    [Fact]
    public void Unsubscribe_FromEverything_KeepsEveryOtherCategory()
    {
        var selection = EventSelection.All.Unsubscribe(["ai_chat"]);

        Assert.False(selection.Matches(ChatChunk));
        Assert.True(selection.Matches(GameAdded));
        Assert.True(selection.Matches(SyncProgress));
        Assert.True(selection.Matches(UserNotification));
        Assert.True(selection.Matches(Typing));
        Assert.True(selection.Matches(PluginUpdate));
        Assert.DoesNotContain("ai_chat", selection.Describe());
        Assert.Equal(EventSelection.Features.Count - 1, selection.Describe().Count);
    }

    [Fact]
    public void Unsubscribe_ASubscribedType_StopsOnlyThatType()
    {
        var selection = EventSelection.All.Subscribe(["game_added", "game_updated"], filters: null).Unsubscribe(["game_added"]);

        Assert.False(selection.Matches(GameAdded));
        Assert.True(selection.Matches(GameUpdated));
    }

    [Fact]
    public void LibraryIdFilter_AppliesOnlyToEventsThatCarryALibraryId()
    {
        var selection = EventSelection.All.Subscribe(["library", "sync_progress", "notifications"], new SubscriptionFilters(LibraryId: "lib-1"));

        Assert.True(selection.Matches(GameAdded));
        Assert.True(selection.Matches(SyncProgress));
        Assert.False(selection.Matches(Item("game_added", """{"library_id":"lib-2","game":{"game_id":"g2","title":"U"}}""")));
        Assert.False(selection.Matches(Item("sync_progress", """{"operation_id":"op-2","library_id":"lib-2"}""")));
        Assert.True(selection.Matches(UserNotification)); // carries no library_id
        Assert.True(selection.Matches(PluginUpdate));
    }

    [Fact]
    public void GameGenresFilter_AppliesOnlyToGameEventsThatCarryGenres()
    {
        var selection = EventSelection.All.Subscribe(["library", "notifications"], new SubscriptionFilters(GameGenres: ["rpg", "Strategy"]));

        Assert.True(selection.Matches(GameAdded)); // game.genres ["RPG"], compared ignoring case
        Assert.False(selection.Matches(Item("game_added", """{"library_id":"lib-1","game":{"game_id":"g2","title":"U","genres":["Puzzle"]}}""")));
        Assert.False(selection.Matches(Item("game_updated", """{"library_id":"lib-1","game_id":"g2","genres":["Puzzle"]}""")));
        Assert.True(selection.Matches(Item("game_added", """{"library_id":"lib-1","game":{"game_id":"g3","title":"V"}}"""))); // genres unknown
        Assert.True(selection.Matches(GameUpdated)); // carries no genres
        Assert.True(selection.Matches(Item("plugin_store_update", """{"genres":["Puzzle"]}"""))); // not a game event
    }

    [Fact]
    public void NotificationLevelFilter_AppliesOnlyToSystemNotification()
    {
        var selection = EventSelection.All.Subscribe(["system", "notifications"], new SubscriptionFilters(NotificationLevel: ["warning", "CRITICAL"]));

        Assert.True(selection.Matches(SystemNotification("critical")));
        Assert.True(selection.Matches(SystemNotification("Warning")));
        Assert.False(selection.Matches(SystemNotification("info")));
        Assert.True(selection.Matches(Item("system_announcement", """{"level":"info","message":"m"}""")));
        Assert.True(selection.Matches(Item("plugin_alert", """{"level":"info"}""")));
        Assert.True(selection.Matches(UserNotification));
    }

    [Fact]
    public void Subscribe_WithSomeFilters_ReplacesThoseAndKeepsTheOthers()
    {
        var first = EventSelection.All.Subscribe(["library"], new SubscriptionFilters(LibraryId: "lib-1", GameGenres: ["RPG"]));

        var second = first.Subscribe(["system"], new SubscriptionFilters(NotificationLevel: ["critical"]));
        var third = second.Subscribe(["notifications"], filters: null);

        Assert.Equal("lib-1", third.Filters.LibraryId);
        Assert.Equal(["RPG"], third.Filters.GameGenres!);
        Assert.Equal(["critical"], third.Filters.NotificationLevel!);
    }

    [Fact]
    public void PluginTypesOutsideTheCatalog_CountAsTheNotificationsCategory()
    {
        Assert.Equal(EventCategory.Notifications, PluginUpdate.Category);
        Assert.Equal(DeliveryClass.Durable, PluginUpdate.Delivery);
        Assert.True(EventSelection.All.Subscribe(["notifications"], filters: null).Matches(PluginUpdate));
        Assert.False(EventSelection.All.Subscribe(["library"], filters: null).Matches(PluginUpdate));
    }

    [Fact]
    public void Features_AreEveryCategoryButConnection()
    {
        var expected = Enum.GetValues<EventCategory>().Where(c => c != EventCategory.Connection).Select(EventCatalog.CategoryName);

        Assert.Equal(expected, EventSelection.Features);
        Assert.DoesNotContain("connection", EventSelection.Features);
        Assert.False(EventSelection.IsKnown("connection"));
        Assert.False(EventSelection.IsKnown("pong")); // a connection message
        Assert.False(EventSelection.IsKnown("subscribe")); // client to server
        Assert.True(EventSelection.IsKnown("library"));
        Assert.True(EventSelection.IsKnown("game_added"));
        Assert.False(EventSelection.IsKnown("no_such_event"));
    }

    private static FeedItem SystemNotification(string level) =>
        Item("system_notification", $$"""{"level":"{{level}}","title":"t","message":"m"}""");

    private static FeedItem Item(string type, string json) => new(Event(type, json), token: null);
}
