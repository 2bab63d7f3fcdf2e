using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>
/// A real Kestrel server on a free port that speaks just enough of the chat-completions API: every
/// <c>POST /v1/chat/completions</c> is recorded and answered by <see cref="Respond"/>.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>The <c>Realtime:Chat:OpenAi:BaseUrl</c> to use.</summary>
    public string BaseUrl => _app.Urls.Single() + "/v1";

    public Func<HttpContext, Task> Respond { get; set; } = context => Sse(context, "[DONE]");

    public ConcurrentQueue<(string? Authorization, JsonNode Body)> Requests { get; } = new();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            server.Requests.Enqueue((context.Request.Headers.Authorization.ToString(), body!));
            await server.Respond(context);
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>Writes each item as one server-sent event (<c>data: …</c> and a blank line), flushing after each.</summary>
    public static async Task Sse(HttpContext context, params string[] data)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = "text/event-stream";
        }

        foreach (var item in data)
        {
            await context.Response.WriteAsync($"data: {item}\n\n", Encoding.UTF8);
            await context.Response.Body.FlushAsync();
        }
    }

    public static string Delta(string content) => new JsonObject
    {
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = content } }),
    }.ToJsonString();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
