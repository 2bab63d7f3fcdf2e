using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Gateway.Tests.Sessions;

public sealed class InboundRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    private readonly RealtimeGatewayOptions _options = new()
    {
        InboundBurst = 60,
        InboundRatePerSecond = 20,
        RateLimitWarningThreshold = 10,
        RateLimitTolerance = 20,
    };

    [Fact]
    public void Take_AFullBurst_IsAcceptedAndWarnsExactlyOnceAtTheThreshold()
    {
        var limiter = new InboundRateLimiter(_options, _time);

        var decisions = Take(limiter, 60);

        Assert.All(decisions, d => Assert.NotEqual(RateDecision.Refuse, d));
        Assert.Single(decisions, RateDecision.AcceptWithWarning);
        Assert.Equal(RateDecision.AcceptWithWarning, decisions[49]); // leaves exactly 10 tokens
        Assert.Equal(0, limiter.Remaining);
    }

    [Fact]
    public void Take_AtTheWarning_ReportsTheTokensLeftAndTheSecondsToFull()
    {
        var limiter = new InboundRateLimiter(_options, _time);
        Take(limiter, 49);

        Assert.Equal(RateDecision.AcceptWithWarning, limiter.Take());

        Assert.Equal(10, limiter.Remaining);
        Assert.Equal(3, limiter.SecondsToFull); // 50 tokens at 20 per second
    }

    [Fact]
    public void Take_EmptyBucket_RefusesThenClosesAfterTheTolerance()
    {
        var limiter = new InboundRateLimiter(_options, _time);
        Take(limiter, 60);

        var refusals = Take(limiter, _options.RateLimitTolerance);

        Assert.All(refusals, d => Assert.Equal(RateDecision.Refuse, d));
        Assert.Equal(RateDecision.Close, limiter.Take());
    }

    [Fact]
    public void Take_AfterARefill_AcceptsAgainAndReArmsTheWarning()
    {
        var limiter = new InboundRateLimiter(_options, _time);
        Take(limiter, 60);
        Assert.Equal(RateDecision.Refuse, limiter.Take());

        _time.Advance(TimeSpan.FromSeconds(1)); // 20 tokens
        Assert.Equal(RateDecision.Accept, limiter.Take()); // 19 left: above the threshold, so the warning re-arms

        var decisions = Take(limiter, 19);
        Assert.Single(decisions, RateDecision.AcceptWithWarning);
        Assert.Equal(RateDecision.AcceptWithWarning, decisions[8]); // 10 left
        Assert.Equal(RateDecision.Refuse, limiter.Take());
    }

    [Fact]
    public void Take_AfterARefill_StartsTheToleranceAgain()
    {
        var limiter = new InboundRateLimiter(_options, _time);
        Take(limiter, 60);
        Take(limiter, _options.RateLimitTolerance);

        _time.Advance(TimeSpan.FromSeconds(3)); // full again
        Take(limiter, 60);

        Assert.All(Take(limiter, _options.RateLimitTolerance), d => Assert.Equal(RateDecision.Refuse, d));
        Assert.Equal(RateDecision.Close, limiter.Take());
    }

    [Fact]
    public void Take_RefillNeverExceedsTheBurst()
    {
        var limiter = new InboundRateLimiter(_options, _time);

        _time.Advance(TimeSpan.FromHours(1));

        Assert.All(Take(limiter, 60), d => Assert.NotEqual(RateDecision.Refuse, d));
        Assert.Equal(RateDecision.Refuse, limiter.Take());
    }

    private static List<RateDecision> Take(InboundRateLimiter limiter, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => limiter.Take())];
}
