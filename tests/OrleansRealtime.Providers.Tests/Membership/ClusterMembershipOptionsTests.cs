using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Providers.Tests.Membership;

public sealed class ClusterMembershipOptionsTests
{
    [Fact]
    public void Defaults_AreOrleansDefaults_AndValid()
    {
        var options = new ClusterMembershipOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromSeconds(30), options.IAmAlivePeriod);
        Assert.Equal(TimeSpan.FromSeconds(90), options.DeathTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.LeaseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.TableRefreshPeriod);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ProbeTimeout);
        Assert.Equal(3, options.NumMissedProbesLimit);
        Assert.Equal(2, options.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromMinutes(2), options.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxJoinAttemptTime);
        Assert.Equal(TimeSpan.FromDays(7), options.DefunctSiloExpiration);
        Assert.Equal(TimeSpan.FromHours(1), options.DefunctSiloCleanupPeriod);
    }

    [Fact]
    public void Validate_ALeaseNotShorterThanTheDeathTimeout_NamesBothAndTheValue()
    {
        var options = new ClusterMembershipOptions { LeaseTimeout = TimeSpan.FromSeconds(90) };

        var failure = Assert.Single(options.Validate());

        Assert.Equal("Realtime:Clustering:LeaseTimeout must be shorter than DeathTimeout (00:01:30), or a silo declared dead may still serve calls, but is 00:01:30.", failure);
    }

    [Fact]
    public void Validate_ALeaseNotLongerThanTheHeartbeatPeriod_IsRefused()
    {
        var options = new ClusterMembershipOptions { IAmAlivePeriod = TimeSpan.FromSeconds(60) };

        Assert.Contains("Realtime:Clustering:LeaseTimeout must be longer than IAmAlivePeriod (00:01:00)", Assert.Single(options.Validate()));
    }

    [Fact]
    public void Validate_NonPositiveValues_AreEachNamed()
    {
        var options = new ClusterMembershipOptions { ProbeTimeout = TimeSpan.Zero, NumVotesForDeathDeclaration = 0, DeathTimeout = TimeSpan.FromSeconds(-1) };

        var failures = options.Validate();

        Assert.Contains("Realtime:Clustering:ProbeTimeout must be a positive duration, but is 00:00:00.", failures);
        Assert.Contains("Realtime:Clustering:DeathTimeout must be a positive duration, but is -00:00:01.", failures);
        Assert.Contains("Realtime:Clustering:NumVotesForDeathDeclaration must be at least 1, but is 0.", failures);
    }
}
