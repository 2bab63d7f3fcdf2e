using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Grains.Tests.Libraries;

/// <summary>One cluster on a fake clock for all library tests; each test uses its own user and library.</summary>
public sealed class LibraryTestCluster : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 7, 20, 12, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await DomainCluster.StartAsync(Time);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public ILibraryGrain Library(string libraryId) => Cluster.Client.GetGrain<ILibraryGrain>(libraryId);

    /// <summary>A new library of a new user, and a probe on that user's stream.</summary>
    public async Task<(ILibraryGrain Library, string LibraryId, string UserId, StreamProbe Probe)> NewLibraryAsync(string platform = "demo")
    {
        var userId = TestTimeouts.NewKey("user");
        var libraryId = TestTimeouts.NewKey("lib");
        var probe = await StreamProbe.ForUserAsync(Cluster.Client, userId);
        var library = Library(libraryId);
        await library.CreateAsync(userId, "My Steam Library", platform).WithTimeout();
        return (library, libraryId, userId, probe);
    }

    /// <summary>
    /// Proves that nothing reached the stream since <paramref name="before"/> envelopes: a marker change is made
    /// and awaited, and it must be the only envelope after them (the stream keeps one order).
    /// </summary>
    public static async Task AssertNothingPublishedSinceAsync(ILibraryGrain library, StreamProbe probe, int before)
    {
        var marker = await library.AddGameAsync(new GameInput { Title = "Marker " + Guid.NewGuid().ToString("N") }, GameSources.Manual).WithTimeout();
        await probe.WaitForAsync("game_added", e => e.DataAs<GrainInterfaces.Events.Library.GameAddedData>().Game.GameId == marker.GameId);
        var since = probe.Received.Skip(before).ToList();
        Assert.True(since.Count == 1, "Unexpected events: " + string.Join(", ", since.Select(e => e.Type)));
    }

    public static Envelope Single(StreamProbe probe, string type) => Assert.Single(probe.OfType(type));

    /// <summary>Records holding lists compare by reference; their JSON compares by value.</summary>
    public static void AssertSameJson<T>(T expected, T actual) =>
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(actual));
}
