using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.Silo.Tests;

/// <summary>The real silo executable serves the raw WebSocket endpoints it co-hosts, fed by its own grains.</summary>
public sealed partial class SiloWebSocketTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Silo_ServesWs_AndADepositThroughTheApiReachesTheSocket()
    {
        var token = await SiloApiTests.MintForTestsAsync("carol");
        var serviceToken = await SiloApiTests.MintForTestsAsync("billing", "--role", "service");
        await using var silo = SiloProcess.Start();
        var address = await silo.ListeningAsync();

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/ws"), CancellationToken.None).WaitAsync(Timeout);
        var established = await ReceiveAsync(socket);
        Assert.Equal("connection_established", established.GetProperty("type").GetString());
        Assert.Equal("carol", established.GetProperty("data").GetProperty("user_id").GetString());

        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        (await http.PostAsJsonAsync("/api/users/carol/balance/deposit", new { amount = 25 })).EnsureSuccessStatusCode();

        JsonElement update;
        do
        {
            update = await ReceiveAsync(socket);
        }
        while (update.GetProperty("type").GetString() != "balance:update");

        Assert.Equal(25, update.GetProperty("data").GetProperty("balance").GetInt64());
        Assert.True(update.GetProperty("seq").GetInt64() > 0);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(0, await silo.StopAsync());
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).AsTask().WaitAsync(Timeout);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, count)).RootElement.Clone();
    }
}
