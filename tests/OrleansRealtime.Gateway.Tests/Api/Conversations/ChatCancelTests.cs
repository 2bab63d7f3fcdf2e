using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.Api.Conversations;

/// <summary>Cancelling a response in flight, against an OpenAI-compatible model that stalls mid-answer.</summary>
public sealed class ChatCancelTests : IAsyncLifetime
{
    private StallingChatServer? _model;
    private GatewayHost? _host;

    public async Task InitializeAsync()
    {
        _model = await StallingChatServer.StartAsync();
        _host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Chat:Model"] = "OpenAi",
            ["Realtime:Chat:OpenAi:BaseUrl"] = _model.BaseUrl,
            ["Realtime:Chat:OpenAi:Model"] = "stalling-test-model",
        });
    }

    public async Task DisposeAsync()
    {
        await _host!.DisposeAsync();
        await _model!.DisposeAsync();
    }

    [Fact]
    public async Task Cancel_StopsTheResponseInFlight_WithAiErrorCancelled()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = _host!.As(user);
        var conversationId = TestTimeouts.NewKey("conv");
        await using var probe = await StreamProbe.ForUserAsync(_host.Client, user);
        (await http.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { message = "hello", message_id = "m1" })).EnsureSuccessStatusCode();
        await probe.WaitForAsync("ai_chat_response_chunk");

        var history = await (await http.GetAsyncWithTimeout($"/api/conversations/{conversationId}/history")).JsonAsync();
        Assert.Equal("m1", history.GetProperty("in_flight").GetProperty("message_id").GetString());

        var result = await (await http.PostJsonAsync($"/api/conversations/{conversationId}/cancel", new { message_id = "m1" })).JsonAsync();

        Assert.True(result.GetProperty("cancelled").GetBoolean());
        var error = await probe.WaitForAsync("ai_error");
        Assert.Equal("CANCELLED", error.Data.GetProperty("error_code").GetString());
        Assert.DoesNotContain(probe.Received, e => e.Type == "ai_chat_response_complete");
    }
}
