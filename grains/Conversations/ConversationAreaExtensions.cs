using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Conversations.Models;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.Conversations;

/// <summary>
/// Services and options of the Conversation area: <see cref="ChatOptions"/> (<c>Realtime:Chat</c>, validated
/// at start) and the <see cref="IChatModel"/> it selects. A test or host that registers its own
/// <see cref="IChatModel"/> keeps it.
/// </summary>
public static class ConversationAreaExtensions
{
    public static ISiloBuilder AddConversationArea(this ISiloBuilder builder)
    {
        const string section = ChatOptions.SectionName;
        builder.Services.AddValidatedOptions<ChatOptions>(builder.Configuration, section,
            o => Enum.IsDefined(o.Model) ? null : $"Model must be Local or OpenAi, but is {o.Model}.",
            o => o.HistoryLimit is >= 10 and <= 10_000 ? null : $"HistoryLimit must be from 10 to 10000, but is {o.HistoryLimit}.",
            o => o.PromptHistoryMessages >= 0 && o.PromptHistoryMessages <= o.HistoryLimit
                ? null
                : $"PromptHistoryMessages must be from 0 to HistoryLimit ({o.HistoryLimit}), but is {o.PromptHistoryMessages}.",
            o => o.SearchResultLimit is >= 1 and <= LibraryLimits.MaxQueryLimit
                ? null
                : $"SearchResultLimit must be from 1 to {LibraryLimits.MaxQueryLimit}, but is {o.SearchResultLimit}.",
            o => OptionsRegistration.Positive(section, nameof(ChatOptions.MaxResponseDuration), o.MaxResponseDuration),
            o => o.Model != ChatModelKind.OpenAi || IsHttpUrl(o.OpenAi.BaseUrl)
                ? null
                : $"OpenAi:BaseUrl must be an absolute http(s) URL when Model is OpenAi, but is '{o.OpenAi.BaseUrl}'.",
            o => o.Model != ChatModelKind.OpenAi || !string.IsNullOrWhiteSpace(o.OpenAi.Model)
                ? null
                : "OpenAi:Model is required when Model is OpenAi, but is empty.",
            o => OptionsRegistration.Positive(section, "OpenAi:RequestTimeout", o.OpenAi.RequestTimeout, allowInfinite: true),
            o => o.OpenAi.EstimatedSeconds is >= 1 and <= 600 ? null : $"OpenAi:EstimatedSeconds must be from 1 to 600, but is {o.OpenAi.EstimatedSeconds}.");

        builder.Services.AddHttpClient(OpenAiChatModel.HttpClientName)
            .ConfigureHttpClient((services, client) => client.Timeout = services.GetRequiredService<IOptions<ChatOptions>>().Value.OpenAi.RequestTimeout);
        builder.Services.TryAddSingleton<LocalChatModel>();
        builder.Services.TryAddSingleton<OpenAiChatModel>();
        builder.Services.TryAddSingleton<IChatModel>(services =>
            services.GetRequiredService<IOptions<ChatOptions>>().Value.Model == ChatModelKind.OpenAi
                ? services.GetRequiredService<OpenAiChatModel>()
                : services.GetRequiredService<LocalChatModel>());
        return builder;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
