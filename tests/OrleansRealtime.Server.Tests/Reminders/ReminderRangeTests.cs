using System.Net;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Server.Reminders;

namespace OrleansRealtime.Server.Tests.Reminders;

public sealed class ReminderRangeTests
{
    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1000 + port);

    [Fact]
    public void OneSilo_OwnsTheWholeRing()
    {
        Assert.True(ReminderRange.For(Silo(1), []).IsAll);
        Assert.True(ReminderRange.For(Silo(1), [Silo(1)]).IsAll);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void TheRangesOfTheActiveSilos_CoverEveryGrainHashExactlyOnce(int silos)
    {
        var active = Enumerable.Range(0, silos).Select(i => Silo(11111 + i)).ToList();
        var ranges = active.Select(s => ReminderRange.For(s, active)).ToList();
        var hashes = Enumerable.Range(0, 5000).Select(i => StableHash.Compute(new GrainId("test.reminder", $"g{i}")))
            .Concat([0u, 1u, uint.MaxValue]).Concat(ranges.Select(r => r.EndInclusive)).Concat(ranges.Select(r => r.BeginExclusive));

        foreach (var hash in hashes)
        {
            Assert.Equal(1, ranges.Count(r => r.Contains(hash)));
        }
    }

    [Fact]
    public void AJoiningSilo_CountsItselfEvenBeforeItsViewShowsItActive()
    {
        var (self, other) = (Silo(1), Silo(2));
        Assert.Equal(ReminderRange.For(self, [self, other]), ReminderRange.For(self, [other]));
        Assert.False(ReminderRange.For(self, [other]).IsAll);
    }
}
