using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.WebSockets;

/// <summary>Document 002's channels: <c>/ws/notifications/{user_id}</c> and the AI chat channel.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ChannelTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    private string Token(string user, params string[] roles) => Host.Tokens.Mint(new TokenRequest { Subject = user, Roles = roles });

    [Fact]
    public async Task Notifications_AckThenDeliverNotificationsTasksPluginsAndBroadcasts_ButNotBalance()
    {
        var user = TestTimeouts.NewKey("u");
        await using var client = await WsClient.ConnectAsync(Host, $"/ws/notifications/{user}", Token(user));
        var ack = await client.NextAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        Assert.Equal(user, ack.GetProperty("data").GetProperty("user_id").GetString());

        var grain = Host.Client.GetGrain<IUserGrain>(user);
        await grain.DepositAsync(5).WithTimeout();
        await grain.CreateNotificationAsync("Hello", "world", "success").WithTimeout();
        await grain.SendUpdateAsync("task_update", "created", JsonSerializer.SerializeToElement(new { task_id = "abc123", title = "New Task" })).WithTimeout();
        await grain.SendUpdateAsync("my_plugin_update", "created", JsonSerializer.SerializeToElement(new { item_id = "i1" })).WithTimeout();

        var notification = await client.NextAsync();
        Assert.Equal("notification", notification.GetProperty("type").GetString());
        var task = await client.NextAsync();
        Assert.Equal("task_update", task.GetProperty("type").GetString());
        Assert.Equal("created", task.GetProperty("action").GetString());
        Assert.Equal("abc123", task.GetProperty("data").GetProperty("task_id").GetString());
        var plugin = await client.NextAsync();
        Assert.Equal("my_plugin_update", plugin.GetProperty("type").GetString());
        Assert.DoesNotContain(client.Received, m => m.GetProperty("type").GetString() == "balance:update");
    }

    [Fact]
    public async Task Notifications_ForAnotherUser_IsRefusedWith403_UnlessAdmin()
    {
        var user = TestTimeouts.NewKey("u");
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => WsClient.ConnectAsync(Host, $"/ws/notifications/{user}", Token("someone-else"), o => o.CollectHttpResponseDetails = true));
        Assert.Contains("403", ex.Message, StringComparison.Ordinal);

        await using var admin = await WsClient.ConnectAsync(Host, $"/ws/notifications/{user}", Token("ops", RealtimeRoles.Admin));
        Assert.Equal("connection_ack", (await admin.NextAsync()).GetProperty("type").GetString());
        await Host.Client.GetGrain<IUserGrain>(user).CreateNotificationAsync("Seen", "by admin").WithTimeout();
        Assert.Equal("notification", (await admin.NextAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatChannel_RoutesMessagesToItsConversation_AndDeliversOnlyThatChatsEvents()
    {
        var user = TestTimeouts.NewKey("u");
        await using var chatA = await WsClient.ConnectAsync(Host, $"/ws/assistant/app1/chat-a/{user}", Token(user));
        await using var chatB = await WsClient.ConnectAsync(Host, $"/ws/assistant/app1/chat-b/{user}", Token(user));
        Assert.Equal("connection_ack", (await chatA.NextAsync()).GetProperty("type").GetString());
        Assert.Equal("connection_ack", (await chatB.NextAsync()).GetProperty("type").GetString());

        await chatA.SendAsync(new { type = "chat_message", id = "a-1", data = new { content = "Hello there" } });
        var message = await chatA.NextOfTypeAsync("chat_message");
        Assert.Equal("assistant", message.GetProperty("data").GetProperty("agent").GetString());
        Assert.Contains(chatA.Received, m => m.GetProperty("type").GetString() == "ai_chat_response_complete");

        await chatB.SendAsync(new { type = "chat_message", id = "b-1", data = new { content = "Second chat" } });
        await chatB.NextOfTypeAsync("chat_message");
        Assert.All(chatA.Received.Skip(1), m => Assert.Equal($"chat:assistant:app1:chat-a:{user}", m.GetProperty("data").GetProperty("conversation_id").GetString()));
        Assert.All(chatB.Received.Skip(1), m => Assert.Equal($"chat:assistant:app1:chat-b:{user}", m.GetProperty("data").GetProperty("conversation_id").GetString()));
        Assert.DoesNotContain(chatA.Received, m => m.GetProperty("data").TryGetProperty("message_id", out var id) && id.GetString() == "b-1");
    }

    [Fact]
    public async Task ChatChannel_ForAnotherUsersRoute_IsRefusedWith403()
    {
        var ex = await Assert.ThrowsAsync<WebSocketException>(() => WsClient.ConnectAsync(Host, "/ws/assistant/app1/chat-x/victim", Token("mallory"), o => o.CollectHttpResponseDetails = true));
        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatChannel_WithABadSegment_IsRefusedWith400()
    {
        var user = TestTimeouts.NewKey("u");
        using var http = Host.Anonymous();
        var response = await http.GetAsync($"/ws/bad%20flow/app/chat/{user}?token={Token(user)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnAdminWatchingAnotherUser_CannotRefreshToATokenWithoutAdmin()
    {
        var user = TestTimeouts.NewKey("u");
        await using var admin = await WsClient.ConnectAsync(Host, $"/ws/notifications/{user}", Token("ops", RealtimeRoles.Admin));
        await admin.NextAsync();

        await admin.SendAsync(new { type = "refresh_token", id = "r1", data = new { token = Token("ops") } });
        var refused = await admin.NextOfTypeAsync("error");
        Assert.Equal("invalid_token", refused.GetProperty("data").GetProperty("error_code").GetString());

        await admin.SendAsync(new { type = "refresh_token", id = "r2", data = new { token = Token("ops", RealtimeRoles.Admin) } });
        Assert.Equal("r2", (await admin.NextOfTypeAsync("token_refreshed")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ConnectionAck_CarriesTheStreamPosition_SoTheChannelCanResume()
    {
        var user = TestTimeouts.NewKey("u");
        var (first, ack) = (await WsClient.ConnectAsync(Host, $"/ws/notifications/{user}", Token(user)), default(JsonElement));
        ack = await first.NextAsync();
        var epoch = ack.GetProperty("data").GetProperty("epoch").GetInt64();
        var seq = ack.GetProperty("data").GetProperty("seq").GetInt64();
        await first.DisposeAsync();
        await Host.Client.GetGrain<IUserGrain>(user).CreateNotificationAsync("Missed", "on the channel").WithTimeout();

        await using var resumed = await WsClient.ConnectAsync(Host, $"/ws/notifications/{user}?last_seq={seq}&epoch={epoch}", Token(user));
        Assert.Equal("connection_ack", (await resumed.NextAsync()).GetProperty("type").GetString());
        Assert.Equal("Missed", (await resumed.NextOfTypeAsync("notification")).GetProperty("data").GetProperty("title").GetString());
    }

    [Fact]
    public async Task ChatChannel_OfTheSamePath_IsAConversationPerUser_SoNobodyCanClaimAnothersChat()
    {
        var victim = TestTimeouts.NewKey("victim");
        var mallory = TestTimeouts.NewKey("mallory");

        // Mallory speaks first on the same workflow/app/chat path, under her own user id (the route must be hers).
        await using (var squatter = await WsClient.ConnectAsync(Host, $"/ws/assistant/shared/chat-1/{mallory}", Token(mallory)))
        {
            await squatter.NextAsync();
            await squatter.SendAsync(new { type = "chat_message", id = "m-1", data = new { content = "Mine now" } });
            await squatter.NextOfTypeAsync("chat_message");
        }

        await using var owner = await WsClient.ConnectAsync(Host, $"/ws/assistant/shared/chat-1/{victim}", Token(victim));
        await owner.NextAsync();
        await owner.SendAsync(new { type = "chat_message", id = "v-1", data = new { content = "Hello" } });
        var answer = await owner.NextOfTypeAsync("chat_message");
        Assert.Equal($"chat:assistant:shared:chat-1:{victim}", answer.GetProperty("data").GetProperty("conversation_id").GetString());
        Assert.DoesNotContain(owner.Received, m => m.GetProperty("type").GetString() == "error");
    }
}
