using System.Net;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Providers.Tests.Membership;

/// <summary>The value type the membership table and the directory are keyed by (it lives in Abstractions, which has no test project of its own).</summary>
public sealed class SiloAddressTests
{
    [Theory]
    [InlineData("10.0.0.5:11111@131225405")]
    [InlineData("[::1]:11111@7")]
    [InlineData("127.0.0.1:65535@2147483647")]
    public void ToParsableString_RoundTripsThroughParse(string text)
    {
        var silo = SiloAddress.Parse(text);

        Assert.Equal(text, silo.ToParsableString());
        Assert.Equal(silo, SiloAddress.Parse(silo.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.5:11111")]
    [InlineData("10.0.0.5@3")]
    [InlineData("10.0.0.5:0@3")]
    [InlineData("10.0.0.5:11111@0")]
    [InlineData("10.0.0.5:11111@-3")]
    [InlineData("host:11111@3")]
    [InlineData("10.0.0.5:70000@3")]
    public void TryParse_RefusesWhatIsNotAddressPortAndPositiveGeneration(string text)
    {
        Assert.False(SiloAddress.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SiloAddress.Parse(text));
    }

    [Fact]
    public void Equality_IsAddressPortAndGeneration()
    {
        var endpoint = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 11111);
        var silo = SiloAddress.New(endpoint, 3);

        Assert.Equal(SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 11111), 3), silo);
        Assert.True(silo == SiloAddress.Parse("10.0.0.5:11111@3"));
        Assert.NotEqual(SiloAddress.New(endpoint, 4), silo);
        Assert.NotEqual(SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 11112), 3), silo);
        Assert.Equal(silo.GetHashCode(), SiloAddress.Parse("10.0.0.5:11111@3").GetHashCode());
    }

    [Fact]
    public void ARestartedProcess_IsANewSiloAtTheSameEndpoint()
    {
        var first = SiloAddress.Parse("10.0.0.5:11111@3");
        var restarted = SiloAddress.Parse("10.0.0.5:11111@4");

        Assert.NotEqual(first, restarted);
        Assert.True(first.IsSameEndpoint(restarted));
        Assert.False(first.IsSameEndpoint(SiloAddress.Parse("10.0.0.6:11111@3")));
        Assert.True(first.CompareTo(restarted) < 0);
    }

    [Fact]
    public void New_CopiesTheEndpoint_SoMutatingItLaterChangesNothing()
    {
        var endpoint = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 11111);
        var silo = SiloAddress.New(endpoint, 3);

        endpoint.Port = 1;
        silo.Endpoint.Port = 2;

        Assert.Equal(11111, silo.Port);
        Assert.Equal("10.0.0.5:11111@3", silo.ToString());
    }

    [Fact]
    public void AllocateGeneration_CountsSecondsSince2022_AndNeverRepeatsInOneProcess()
    {
        var time = new FixedTime(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(1_000_000_000));

        int[] generations = [.. Enumerable.Range(0, 5).Select(_ => SiloAddress.AllocateGeneration(time))];

        Assert.True(generations[0] >= 1_000_000_000);
        Assert.Equal(generations.Order(), generations);
        Assert.Equal(5, generations.Distinct().Count());
    }

    [Fact]
    public void New_RefusesPortZeroAndNonPositiveGenerations()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 0), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 0));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
