using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>
/// Runs the chat tools against <see cref="ILibraryGrain"/>. Every failure becomes a
/// <see cref="ChatToolException"/> with a message fit for the user: bad parameters and a library's own
/// refusal keep their detail, anything else (timeouts, storage) says only that the library did not answer.
/// </summary>
internal sealed class LibraryChatTools(IGrainFactory grains)
{
    public Task<ChatToolResult> ExecuteAsync(ChatToolCall call, string libraryId) => call.Name switch
    {
        ChatToolNames.SearchGames => RunAsync("search games", libraryId, async library =>
        {
            var query = SearchGamesParameters.Parse(call.Parameters);
            return new SearchGamesToolResult(call.Parameters, query, await library.SearchGamesAsync(query));
        }),
        ChatToolNames.GetLibraryStats => RunAsync("read your library's statistics", libraryId, async library =>
            new LibraryStatsToolResult(call.Parameters, await library.GetStatsAsync())),
        _ => Task.FromException<ChatToolResult>(new ChatToolException($"There is no tool named '{call.Name}'.")),
    };

    private async Task<ChatToolResult> RunAsync(string what, string libraryId, Func<ILibraryGrain, Task<ChatToolResult>> run)
    {
        try
        {
            return await run(grains.GetGrain<ILibraryGrain>(libraryId));
        }
        catch (ChatToolException ex)
        {
            throw new ChatToolException($"Unable to {what}: {ex.Message}", ex);
        }
        catch (DomainException ex)
        {
            throw new ChatToolException($"Unable to {what}: {ex.Detail}", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ChatToolException($"Unable to {what}: the library did not answer.", ex);
        }
    }
}
