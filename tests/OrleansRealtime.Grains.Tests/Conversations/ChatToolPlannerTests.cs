using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Conversations.Tools;

namespace OrleansRealtime.Grains.Tests.Conversations;

public sealed class ChatToolPlannerTests
{
    [Theory]
    [InlineData("Show me my unplayed RPG games", "RPG", true, null)]
    [InlineData("any strategy games with metacritic 80?", "Strategy", null, 80)]
    [InlineData("What's in my backlog rated 85+", null, true, 85)]
    [InlineData("recommend a roguelike I haven't played, 90 metacritic", "Roguelike", true, 90)]
    public void A_search_message_plans_search_games_with_its_filters(string message, string? genre, bool? unplayed, int? min)
    {
        var call = Assert.Single(ChatToolPlanner.Plan(message, 10));

        Assert.Equal(ChatToolNames.SearchGames, call.Name);
        var query = SearchGamesParameters.Parse(call.Parameters);
        Assert.Equal(new GameQuery { Genre = genre, Unplayed = unplayed, MinMetacritic = min, Limit = 10 }, query);
    }

    [Fact]
    public void Tool_parameters_have_document_003s_shape()
    {
        var call = Assert.Single(ChatToolPlanner.Plan("top 5 unplayed RPG games with metacritic 80 like \"Gate\"", 10));

        Assert.Equal(
            """{"query":"Gate","genre":"RPG","status_filter":["unplayed"],"rating_filter":{"min_metacritic":80},"limit":5}""",
            JsonSerializer.Serialize(call.Parameters));
    }

    [Theory]
    [InlineData("Give me my library stats")]
    [InlineData("How many games do I have?")]
    public void A_statistics_question_plans_only_get_library_stats(string message)
    {
        var call = Assert.Single(ChatToolPlanner.Plan(message, 10));

        Assert.Equal(ChatToolNames.GetLibraryStats, call.Name);
    }

    [Fact]
    public void Statistics_with_a_filter_plan_both_tools_in_order()
    {
        Assert.Equal(
            [ChatToolNames.GetLibraryStats, ChatToolNames.SearchGames],
            ChatToolPlanner.Plan("stats, and which RPG should I play", 10).Select(c => c.Name));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("thanks, that's all")]
    public void Small_talk_plans_no_tool(string message) => Assert.Empty(ChatToolPlanner.Plan(message, 10));

    [Fact]
    public void Malformed_parameters_are_a_tool_error()
    {
        var ex = Assert.Throws<ChatToolException>(() => SearchGamesParameters.Parse(JsonSerializer.SerializeToElement(new { status_filter = new[] { "finished" } })));

        Assert.Contains("status_filter", ex.Message);
    }
}
