using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Grains.Tests.Events;

public sealed class EventCatalogTests
{
    [Fact]
    public void Socket_io_names_are_exactly_the_four_of_document_001()
    {
        var names = EventCatalog.All.Where(d => d.SocketIoEvent is not null).Select(d => d.SocketIoEvent!).Order(StringComparer.Ordinal);

        Assert.Equal(["balance:update", "message:receive", "notification", "typing"], names);
    }

    [Fact]
    public void Every_category_has_a_server_to_client_event()
    {
        var used = EventCatalog.All.Where(d => !d.ClientToServer).Select(d => d.Category).ToHashSet();

        Assert.Equal(Enum.GetValues<EventCategory>().ToHashSet(), used);
    }

    [Fact]
    public void Conflation_keys_and_socket_io_payload_fields_are_fields_of_the_contract()
    {
        foreach (var d in EventCatalog.All)
        {
            Assert.True(d.Delivery == DeliveryClass.Conflatable || d.ConflationKey is null, $"{d.Type}: only conflatable events have a conflation key.");
            foreach (var field in new[] { d.ConflationKey, d.SocketIoPayloadField }.OfType<string>())
            {
                Assert.Contains(field, JsonNames(d.Contract));
            }
        }
    }

    [Fact]
    public void Client_messages_are_connection_or_chat_events_and_never_socket_io_events()
    {
        foreach (var d in EventCatalog.All.Where(d => d.ClientToServer))
        {
            Assert.Contains(d.Category, new[] { EventCategory.Connection, EventCategory.AiChat });
            Assert.Null(d.SocketIoEvent);
            Assert.Equal(DeliveryClass.Ephemeral, d.Delivery);
        }
    }

    [Fact]
    public void Every_contract_builds_an_envelope_of_its_own_type_when_it_owns_the_contract()
    {
        foreach (var d in EventCatalog.All)
        {
            var owner = EventCatalog.ForContract(d.Contract);
            Assert.True(owner.Type == d.Type || EventCatalog.All.First(x => x.Contract == d.Contract) == owner,
                $"{d.Type}: {d.Contract.Name} belongs to {owner.Type}.");
        }

        Assert.Equal(EventCatalog.All.Count, EventCatalog.All.Select(d => d.Type).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Category_names_are_the_snake_case_names_clients_subscribe_with()
    {
        Assert.Equal("sync_progress", EventCatalog.CategoryName(EventCategory.SyncProgress));
        Assert.Equal("ai_chat", EventCatalog.CategoryName(EventCategory.AiChat));
        Assert.True(EventCatalog.TryParseCategory("notifications", out var c));
        Assert.Equal(EventCategory.Notifications, c);
        Assert.False(EventCatalog.TryParseCategory("Notifications", out _));
    }

    [Fact]
    public void Envelope_create_serializes_snake_case_utc_data_and_reads_it_back()
    {
        var at = new DateTimeOffset(2024, 7, 20, 14, 0, 0, TimeSpan.FromHours(2));
        var data = new GrainInterfaces.Events.Connection.ConnectionEstablishedData("admin", "sess_1", at, ["ai_chat"], 3, 42);

        var envelope = Envelope.Create(data, at);

        Assert.Equal("connection_established", envelope.Type);
        Assert.Equal("2024-07-20T12:00:00.000Z", envelope.Data.GetProperty("server_time").GetString());
        Assert.Equal("sess_1", envelope.Data.GetProperty("session_id").GetString());
        Assert.Matches("^[0-9a-f]{32}$", envelope.Id);
        Assert.Equal(data with { Features = data.Features }, envelope.DataAs<GrainInterfaces.Events.Connection.ConnectionEstablishedData>() with { Features = data.Features });
    }

    internal static HashSet<string> JsonNames(Type contract)
    {
        var info = EventJson.Options.GetTypeInfo(contract);
        return info.Kind == JsonTypeInfoKind.Object ? [.. info.Properties.Select(p => p.Name)] : [];
    }
}
