namespace OrleansRealtime.Grains.Conversations.Tools;

/// <summary>The tools a conversation can run (the <c>tool_name</c> of <c>ai_tool_execution</c> and the entries of <c>tools_used</c>).</summary>
public static class ChatToolNames
{
    /// <summary>Games of the conversation's library matching title, genre, played status and minimum Metacritic.</summary>
    public const string SearchGames = "search_games";

    /// <summary>Totals over the conversation's library: games, unplayed, playtime, genres, average Metacritic, most played.</summary>
    public const string GetLibraryStats = "get_library_stats";
}
