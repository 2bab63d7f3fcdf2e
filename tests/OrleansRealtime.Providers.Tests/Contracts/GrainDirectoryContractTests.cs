using System.Net;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Providers.Tests.TestSupport;

namespace OrleansRealtime.Providers.Tests.Contracts;

/// <summary>
/// The <see cref="IGrainDirectory"/> contract every provider passes. Tests use fresh grain ids and silos of
/// fresh generations and only look at their own entries, so a store may be shared between tests.
/// </summary>
public abstract class GrainDirectoryContractTests
{
    private static int s_generation = Random.Shared.Next(1, 1_000_000);

    /// <summary>A directory over this test's store.</summary>
    protected abstract IGrainDirectory CreateSut();

    /// <summary>Another directory instance over the same store, as another silo would create it.</summary>
    protected abstract IGrainDirectory CreateSecondInstanceOnSameStore();

    private static GrainId NewGrainId() => new("directory-contract", TestTimeouts.NewKey("g"));

    /// <summary>A silo no other test uses: a generation of its own.</summary>
    private static SiloAddress NewSilo(int n = 1) => SiloAddress.New(new IPEndPoint(IPAddress.Parse($"10.1.0.{n}"), 11111), Interlocked.Increment(ref s_generation));

    private static GrainAddress Address(GrainId grain, SiloAddress silo) => new() { GrainId = grain, SiloAddress = silo, ActivationId = ActivationId.NewId() };

    [Fact]
    public async Task Register_ANewGrain_ReturnsTheAddress_AndLookupFindsIt()
    {
        var sut = CreateSut();
        var address = Address(NewGrainId(), NewSilo());

        Assert.Equal(address, await sut.RegisterAsync(address).WithTimeout());

        Assert.Equal(address, await sut.LookupAsync(address.GrainId).WithTimeout());
        Assert.Equal(address, await CreateSecondInstanceOnSameStore().LookupAsync(address.GrainId).WithTimeout());
    }

    [Fact]
    public async Task Lookup_OfAGrainWithoutAnEntry_ReturnsNull()
    {
        Assert.Null(await CreateSut().LookupAsync(NewGrainId()).WithTimeout());
    }

    [Fact]
    public async Task Register_WhenAnotherActivationHoldsTheEntry_ReturnsThatOne_AndKeepsIt()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var first = Address(grain, NewSilo(1));
        await sut.RegisterAsync(first).WithTimeout();

        var second = Address(grain, NewSilo(2));
        Assert.Equal(first, await CreateSecondInstanceOnSameStore().RegisterAsync(second).WithTimeout());

        Assert.Equal(first, await sut.LookupAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task Register_TheSameAddressAgain_ReturnsIt_SoARetryAfterATimeoutIsSafe()
    {
        var sut = CreateSut();
        var address = Address(NewGrainId(), NewSilo());
        await sut.RegisterAsync(address).WithTimeout();

        Assert.Equal(address, await sut.RegisterAsync(address).WithTimeout());
        Assert.Equal(address, await sut.LookupAsync(address.GrainId).WithTimeout());
    }

    [Fact]
    public async Task Register_ConcurrentlyFromManyTasks_ExactlyOneWins_AndEveryCallerGetsTheWinner()
    {
        var (sut, other) = (CreateSut(), CreateSecondInstanceOnSameStore());
        var grain = NewGrainId();
        var candidates = Enumerable.Range(1, 24).Select(i => Address(grain, NewSilo(i % 4))).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var registrations = candidates.Select(async (candidate, i) =>
        {
            await start.Task;
            return await (i % 2 == 0 ? sut : other).RegisterAsync(candidate);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(registrations).WithTimeout();

        var winner = Assert.Single(results.Distinct());
        Assert.Contains(winner, candidates);
        Assert.Equal(winner, await sut.LookupAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task Register_ManyGrainsConcurrently_EachGetsItsOwnEntry()
    {
        var (sut, other) = (CreateSut(), CreateSecondInstanceOnSameStore());
        var silo = NewSilo();
        var addresses = Enumerable.Range(0, 16).Select(_ => Address(NewGrainId(), silo)).ToArray();

        var results = await Task.WhenAll(addresses.Select((a, i) => (i % 2 == 0 ? sut : other).RegisterAsync(a))).WithTimeout();

        Assert.Equal(addresses, results);
    }

    [Fact]
    public async Task Register_WithThePreviousAddressThatIsTheEntry_ReplacesIt()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var dead = Address(grain, NewSilo(1));
        await sut.RegisterAsync(dead).WithTimeout();

        var replacement = Address(grain, NewSilo(2));
        Assert.Equal(replacement, await sut.RegisterAsync(replacement, dead).WithTimeout());

        Assert.Equal(replacement, await sut.LookupAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task Register_WithAPreviousAddressThatIsNoLongerTheEntry_ReturnsTheEntry_AndKeepsIt()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var dead = Address(grain, NewSilo(1));
        await sut.RegisterAsync(dead).WithTimeout();
        var newer = Address(grain, NewSilo(2));
        await sut.RegisterAsync(newer, dead).WithTimeout();

        var late = Address(grain, NewSilo(3));
        Assert.Equal(newer, await CreateSecondInstanceOnSameStore().RegisterAsync(late, dead).WithTimeout());

        // The current activation id on another silo is another activation: it does not match either.
        Assert.Equal(newer, await sut.RegisterAsync(late, newer with { SiloAddress = dead.SiloAddress }).WithTimeout());
        Assert.Equal(newer, await sut.LookupAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task Register_WithAPreviousAddress_WhenTheGrainHasNoEntry_Inserts()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var address = Address(grain, NewSilo(2));

        Assert.Equal(address, await sut.RegisterAsync(address, Address(grain, NewSilo(1))).WithTimeout());
        Assert.Equal(address, await sut.LookupAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task Register_ConcurrentReplacementsOfOneStaleEntry_ExactlyOneWins_AndEveryCallerGetsTheWinner()
    {
        var (sut, other) = (CreateSut(), CreateSecondInstanceOnSameStore());
        var grain = NewGrainId();
        var dead = Address(grain, NewSilo(1));
        await sut.RegisterAsync(dead).WithTimeout();
        var candidates = Enumerable.Range(2, 12).Select(i => Address(grain, NewSilo(i))).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var registrations = candidates.Select(async (candidate, i) =>
        {
            await start.Task;
            return await (i % 2 == 0 ? sut : other).RegisterAsync(candidate, dead);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(registrations).WithTimeout();

        var winner = Assert.Single(results.Distinct());
        Assert.Contains(winner, candidates);
        Assert.Equal(winner, await sut.LookupAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task Register_WithAPreviousAddressOfAnotherGrain_Throws()
    {
        var silo = NewSilo();

        await Assert.ThrowsAsync<ArgumentException>(() => CreateSut().RegisterAsync(Address(NewGrainId(), silo), Address(NewGrainId(), silo))).WithTimeout();
    }

    [Fact]
    public async Task Unregister_TheCurrentActivation_RemovesTheEntry_AndTheGrainCanRegisterAgain()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var address = Address(grain, NewSilo(1));
        await sut.RegisterAsync(address).WithTimeout();

        Assert.True(await sut.UnregisterAsync(address).WithTimeout());

        Assert.Null(await sut.LookupAsync(grain).WithTimeout());
        Assert.False(await sut.UnregisterAsync(address).WithTimeout());
        var next = Address(grain, NewSilo(2));
        Assert.Equal(next, await CreateSecondInstanceOnSameStore().RegisterAsync(next).WithTimeout());
    }

    [Fact]
    public async Task Unregister_AStaleActivation_DoesNothing()
    {
        var sut = CreateSut();
        var grain = NewGrainId();
        var current = Address(grain, NewSilo(1));
        await sut.RegisterAsync(current).WithTimeout();

        Assert.False(await sut.UnregisterAsync(Address(grain, current.SiloAddress)).WithTimeout());
        Assert.False(await sut.UnregisterAsync(current with { SiloAddress = NewSilo(2) }).WithTimeout());
        Assert.False(await sut.UnregisterAsync(Address(NewGrainId(), current.SiloAddress)).WithTimeout());

        Assert.Equal(current, await sut.LookupAsync(grain).WithTimeout());
    }

    [Fact]
    public async Task UnregisterSilos_RemovesOnlyThoseSilosEntries()
    {
        var sut = CreateSut();
        var dead = NewSilo(1);
        var restarted = SiloAddress.New(dead.Endpoint, dead.Generation + 1_000_000_000);
        var (alive, alsoDead) = (NewSilo(2), NewSilo(3));
        var deadEntries = Enumerable.Range(0, 3).Select(_ => Address(NewGrainId(), dead)).Append(Address(NewGrainId(), alsoDead)).ToArray();
        var liveEntries = new[] { Address(NewGrainId(), restarted), Address(NewGrainId(), alive) };
        foreach (var address in deadEntries.Concat(liveEntries))
        {
            await sut.RegisterAsync(address).WithTimeout();
        }

        Assert.Equal(4, await CreateSecondInstanceOnSameStore().UnregisterSilosAsync([dead, alsoDead, NewSilo(4)]).WithTimeout());

        foreach (var address in deadEntries)
        {
            Assert.Null(await sut.LookupAsync(address.GrainId).WithTimeout());
        }

        foreach (var address in liveEntries)
        {
            Assert.Equal(address, await sut.LookupAsync(address.GrainId).WithTimeout());
        }

        Assert.Equal(0, await sut.UnregisterSilosAsync([dead]).WithTimeout());
        Assert.Equal(0, await sut.UnregisterSilosAsync([]).WithTimeout());
    }

    [Fact]
    public async Task AfterUnregisterSilos_TheGrainsOfTheDeadSiloRegisterElsewhere()
    {
        var sut = CreateSut();
        var (dead, survivor) = (NewSilo(1), NewSilo(2));
        var grain = NewGrainId();
        await sut.RegisterAsync(Address(grain, dead)).WithTimeout();

        await sut.UnregisterSilosAsync([dead]).WithTimeout();
        var moved = Address(grain, survivor);

        Assert.Equal(moved, await sut.RegisterAsync(moved).WithTimeout());
    }
}
