using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>
/// A fake OpenAI-compatible <c>/chat/completions</c> that streams two deltas and then stalls until the client
/// goes away, so a response is reliably in flight when a test cancels it.
/// </summary>
public sealed class StallingChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StallingChatServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The API root to configure as <c>Realtime:Chat:OpenAi:BaseUrl</c>.</summary>
    public string BaseUrl { get; }

    public static async Task<StallingChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            foreach (var text in new[] { "Let me ", "look at " })
            {
                await context.Response.WriteAsync($"data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{text}\"}}}}]}}\n\n");
                await context.Response.Body.FlushAsync();
            }

            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The gateway cancelled the response: exactly what the test waits for.
            }
        });
        await app.StartAsync().WithTimeout();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new StallingChatServer(app, address + "/v1");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
    }
}
