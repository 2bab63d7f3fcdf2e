using System.Text.Json;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Tests.Delivery;

/// <summary>Frames are built with one writer per thread: each must come out whole and independent of the next.</summary>
public class EnvelopeFramesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ConsecutiveFrames_OnOneThread_AreEachComplete_AndUnchangedByTheNext()
    {
        var large = new string('x', 100_000);
        var first = EnvelopeFrames.Stream(Custom("a", "1"), new StreamSequenceToken(1, 7));
        var big = EnvelopeFrames.Stream(Custom("b", large), new StreamSequenceToken(2, 7));
        var after = EnvelopeFrames.Stream(Custom("c", "3"), null);

        using (var doc = JsonDocument.Parse(first))
        {
            Assert.Equal("a", doc.RootElement.GetProperty("type").GetString());
            Assert.Equal("1", doc.RootElement.GetProperty("data").GetProperty("v").GetString());
            Assert.Equal(1, doc.RootElement.GetProperty("seq").GetInt64());
            Assert.Equal(7, doc.RootElement.GetProperty("epoch").GetInt64());
        }

        using (var doc = JsonDocument.Parse(big))
        {
            Assert.Equal(large, doc.RootElement.GetProperty("data").GetProperty("v").GetString());
        }

        using (var doc = JsonDocument.Parse(after))
        {
            Assert.Equal("c", doc.RootElement.GetProperty("type").GetString());
            Assert.False(doc.RootElement.TryGetProperty("seq", out _));
        }
    }

    [Fact]
    public async Task FramesBuiltOnManyThreadsAtOnce_DoNotMix()
    {
        var frames = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            Enumerable.Range(0, 200).Select(k => (i, k, Frame: EnvelopeFrames.Stream(Custom($"t{i}", $"{i}-{k}"), new StreamSequenceToken(k, 1)))).ToList())));

        foreach (var (i, k, frame) in frames.SelectMany(f => f))
        {
            using var doc = JsonDocument.Parse(frame);
            Assert.Equal($"t{i}", doc.RootElement.GetProperty("type").GetString());
            Assert.Equal($"{i}-{k}", doc.RootElement.GetProperty("data").GetProperty("v").GetString());
            Assert.Equal(k, doc.RootElement.GetProperty("seq").GetInt64());
        }
    }

    private static Envelope Custom(string type, string value) =>
        Envelope.Custom(type, null, JsonSerializer.SerializeToElement(new { v = value }), At, id: $"id-{type}");
}
