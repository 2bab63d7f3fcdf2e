using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Server.Streams;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>The rendezvous' window of recent publication ids on its own: hex ids kept as numbers, any other id as text, oldest evicted first.</summary>
public sealed class RecentPublicationsTests
{
    [Fact]
    public void AnId_IsFoundWithItsFirstToken_AndASecondAddDoesNotReplaceIt()
    {
        var recent = new RecentPublications(capacity: 10);
        var id = Guid.NewGuid().ToString("N");
        recent.Add(id, new StreamSequenceToken(5, 9));
        recent.Add(id, new StreamSequenceToken(6, 9));

        Assert.True(recent.TryGet(id, out var token));
        Assert.Equal(new StreamSequenceToken(5, 9), token);
        Assert.True(recent.TryGet(new string(id.ToCharArray()), out _)); // by value, not by reference
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF")] // hex, and the same digits in capitals
    [InlineData("00000000000000000000000000000000", "0")] // the number zero, and a shorter spelling of it
    [InlineData("00000000000000000000000000000001", "1")]
    [InlineData("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcde")] // one digit short
    [InlineData("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdeg")] // not hex at the end
    [InlineData("order-7", "order-8")]
    public void DifferentIds_NeverMeet_WhateverTheirForm(string first, string second)
    {
        var recent = new RecentPublications(capacity: 10);
        recent.Add(first, new StreamSequenceToken(1, 1));

        Assert.False(recent.TryGet(second, out _));
        recent.Add(second, new StreamSequenceToken(2, 1));
        Assert.True(recent.TryGet(first, out var a));
        Assert.True(recent.TryGet(second, out var b));
        Assert.Equal([1L, 2L], new[] { a.Sequence, b.Sequence });
    }

    [Fact]
    public void BeyondTheCapacity_TheOldestIdIsForgotten_WhicheverFormEachHas()
    {
        var recent = new RecentPublications(capacity: 2);
        var hex = Guid.NewGuid().ToString("N");
        recent.Add(hex, new StreamSequenceToken(1, 1));
        recent.Add("text-id", new StreamSequenceToken(2, 1));
        recent.Add(Guid.NewGuid().ToString("N"), new StreamSequenceToken(3, 1));

        Assert.False(recent.TryGet(hex, out _));
        Assert.True(recent.TryGet("text-id", out _));
        recent.Add("another", new StreamSequenceToken(4, 1));
        Assert.False(recent.TryGet("text-id", out _));
    }

    [Fact]
    public void NoId_OrNoCapacity_RemembersNothing()
    {
        var none = new RecentPublications(capacity: 0);
        none.Add("a", new StreamSequenceToken(1, 1));
        var some = new RecentPublications(capacity: 5);
        some.Add(null, new StreamSequenceToken(1, 1));

        Assert.False(none.TryGet("a", out _));
        Assert.False(some.TryGet(null, out _));
    }
}
