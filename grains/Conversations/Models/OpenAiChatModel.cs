using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.Grains.Conversations.Tools;

namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>
/// An OpenAI-compatible streaming chat-completions client (OpenAI, Ollama, vLLM, LM Studio…): one
/// <c>POST {BaseUrl}/chat/completions</c> with <c>stream: true</c>, read as server-sent events; each
/// <c>data: {…}</c> event yields <c>choices[0].delta.content</c>, <c>data: [DONE]</c> ends the answer.
/// <para>
/// Tools are chosen by <see cref="ChatToolPlanner"/>, not by the remote model: their results go into the
/// prompt as a system message. (Letting the model issue <c>tool_calls</c> itself is a later step; the
/// planner keeps every model's tool use deterministic and testable.)
/// </para>
/// Failures are <see cref="ChatModelException"/>s: an HTTP error status, an unreachable endpoint, a stream
/// that holds malformed JSON or an <c>error</c> object, or one that ends without <c>[DONE]</c> (a cut-off
/// answer is not passed off as complete). The API key is never logged.
/// </summary>
public sealed partial class OpenAiChatModel(IHttpClientFactory httpClients, IOptions<ChatOptions> options, ILogger<OpenAiChatModel> logger) : IChatModel
{
    /// <summary>The named <see cref="HttpClient"/> (its timeout is <see cref="OpenAiChatOptions.RequestTimeout"/>).</summary>
    public const string HttpClientName = "OrleansRealtime.Chat.OpenAi";

    private OpenAiChatOptions Settings => options.Value.OpenAi;

    public string Name => $"openai:{Settings.Model}";

    public int EstimatedSeconds => Settings.EstimatedSeconds;

    public ValueTask<IReadOnlyList<ChatToolCall>> PlanToolsAsync(ChatPrompt prompt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ChatToolPlanner.Plan(prompt.Message, options.Value.SearchResultLimit));

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatPrompt prompt, IReadOnlyList<ChatToolResult> toolResults, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(prompt, toolResults, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var done = false;
        await foreach (var data in SseEvents.ReadAsync(body, cancellationToken))
        {
            if (data == "[DONE]")
            {
                done = true;
                break;
            }

            if (ParseDelta(data) is { } delta)
            {
                yield return delta;
            }
        }

        if (!done)
        {
            LogEndedEarly(logger, Settings.Model);
            throw new ChatModelException("The model's answer ended before it was finished.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(ChatPrompt prompt, IReadOnlyList<ChatToolResult> toolResults, CancellationToken cancellationToken)
    {
        var settings = Settings;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.BaseUrl!.TrimEnd('/') + "/chat/completions")
        {
            Content = new StringContent(RequestBody(settings, prompt, toolResults).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, ex, settings.Model);
            throw new ChatModelException("The model endpoint could not be reached.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex, settings.Model);
            throw new ChatModelException("The model endpoint did not answer in time.", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            LogHttpError(logger, status, settings.Model);
            throw new ChatModelException($"The model endpoint answered HTTP {status}.");
        }

        return response;
    }

    private static JsonObject RequestBody(OpenAiChatOptions settings, ChatPrompt prompt, IReadOnlyList<ChatToolResult> toolResults)
    {
        var messages = new JsonArray { Message("system", settings.SystemPrompt) };
        if (prompt.PersonaId is { } persona)
        {
            messages.Add(Message("system", $"You speak as the persona \"{persona}\"."));
        }

        if (toolResults.Count > 0)
        {
            var results = new JsonArray([.. toolResults.Select(r => r.ToPromptJson())]);
            messages.Add(Message("system", "Results of the tools run for the user's latest message (JSON):\n" + results.ToJsonString()));
        }

        foreach (var turn in prompt.History)
        {
            messages.Add(Message(turn.Role == ChatRole.User ? "user" : "assistant", turn.Content));
        }

        messages.Add(Message("user", prompt.Message));
        var body = new JsonObject { ["model"] = settings.Model, ["stream"] = true, ["messages"] = messages };
        if (settings.IncludeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return body;
    }

    private static string? Member(JsonNode error, string name) =>
        error is JsonObject obj && obj[name] is JsonValue value ? value.ToJsonString() : null;

    private static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };

    /// <summary>The text and usage of one stream event; null when it carries neither (a role-only first delta).</summary>
    private ChatDelta? ParseDelta(string data)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(data);
        }
        catch (JsonException ex)
        {
            LogMalformed(logger, ex, Settings.Model);
            throw new ChatModelException("The model's answer held malformed data.", ex);
        }

        if (node is not JsonObject root)
        {
            LogMalformed(logger, null, Settings.Model);
            throw new ChatModelException("The model's answer held malformed data.");
        }

        if (root["error"] is { } error)
        {
            // Only the error's type and code: its message may quote the request (a key, say).
            LogStreamError(logger, Settings.Model, Member(error, "type"), Member(error, "code"));
            throw new ChatModelException("The model reported an error while answering.");
        }

        try
        {
            var text = root["choices"] is JsonArray { Count: > 0 } choices ? choices[0]?["delta"]?["content"]?.GetValue<string>() : null;
            var tokens = root["usage"]?["completion_tokens"]?.GetValue<int>();
            return text is null && tokens is null ? null : new ChatDelta(text ?? string.Empty, tokens);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            LogMalformed(logger, ex, Settings.Model);
            throw new ChatModelException("The model's answer held malformed data.", ex);
        }
    }

    [LoggerMessage(EventId = 4420, Level = LogLevel.Warning, Message = "The chat model endpoint (model {Model}) answered HTTP {Status}")]
    private static partial void LogHttpError(ILogger logger, int status, string? model);

    [LoggerMessage(EventId = 4421, Level = LogLevel.Warning, Message = "The chat model endpoint (model {Model}) could not be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string? model);

    [LoggerMessage(EventId = 4422, Level = LogLevel.Warning, Message = "The chat model stream (model {Model}) held malformed data")]
    private static partial void LogMalformed(ILogger logger, Exception? exception, string? model);

    [LoggerMessage(EventId = 4423, Level = LogLevel.Warning, Message = "The chat model stream (model {Model}) reported an error of type {ErrorType}, code {ErrorCode}")]
    private static partial void LogStreamError(ILogger logger, string? model, string? errorType, string? errorCode);

    [LoggerMessage(EventId = 4424, Level = LogLevel.Warning, Message = "The chat model stream (model {Model}) ended without [DONE]")]
    private static partial void LogEndedEarly(ILogger logger, string? model);
}
