using System.Text;
using OrleansRealtime.Grains.Conversations.Models;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>The local model's chunking and the SSE reader of the OpenAI-compatible model.</summary>
public sealed class StreamingTextTests
{
    [Theory]
    [InlineData("Based on your library, here are your unplayed RPG games:\n\n1. Baldur's Gate 3 - 95 Metacritic")]
    [InlineData("  leading and trailing  ")]
    [InlineData("one")]
    public void Chunks_concatenate_to_the_text(string text)
    {
        var chunks = TextChunks.Split(text, LocalChatModel.WordsPerChunk).ToList();

        Assert.Equal(text, string.Concat(chunks));
        Assert.DoesNotContain(chunks, c => c.Length == 0);
    }

    [Fact]
    public async Task Sse_joins_data_lines_skips_comments_and_other_fields_and_ends_events_at_blank_lines()
    {
        var body = "data: {\"a\":1}\n\n: comment\nevent: message\nid: 7\ndata: line1\ndata:line2\n\nretry: 10\ndata: [DONE]\n\n";

        var events = await ReadAllAsync(body);

        Assert.Equal(["{\"a\":1}", "line1\nline2", "[DONE]"], events);
    }

    [Fact]
    public async Task Sse_delivers_a_last_event_without_a_trailing_blank_line_and_accepts_crlf()
    {
        Assert.Equal(["x", "y"], await ReadAllAsync("data: x\r\n\r\ndata: y"));
    }

    private static async Task<List<string>> ReadAllAsync(string body)
    {
        var events = new List<string>();
        await foreach (var item in SseEvents.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None))
        {
            events.Add(item);
        }

        return events;
    }
}
