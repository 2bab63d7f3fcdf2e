using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.Grains.Tests.Users;

namespace OrleansRealtime.Grains.Tests.Review;

/// <summary>
/// A JSON body of <c>null</c> reaches a grain as a null argument. It is bad input like any other: a
/// <see cref="DomainValidationException"/> with a code (a 400), not an <see cref="ArgumentNullException"/> (a 500).
/// </summary>
public sealed class NullInputTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    [Fact]
    public async Task User_calls_with_a_null_body_are_refused_with_invalid_input_and_emit_nothing()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await AssertInvalidInput(() => user.UpdateProfileAsync(null!));
        await AssertInvalidInput(() => user.MarkNotificationsReadAsync(null!));
        await AssertInvalidInput(() => user.ConnectSessionAsync(null!));

        Assert.Empty((await user.GetPresenceAsync().WithTimeout()).Sessions);
        await user.CreateNotificationAsync("marker", "marker").WithTimeout();
        await probe.WaitForAsync("notification");
        Assert.Single(probe.Received);
    }

    [Fact]
    public async Task Library_calls_with_a_null_body_are_refused_with_invalid_input()
    {
        var userId = TestTimeouts.NewKey("user");
        var library = fixture.Client.GetGrain<ILibraryGrain>(TestTimeouts.NewKey("lib"));
        await library.CreateAsync(userId, "Library", "demo").WithTimeout();
        var game = await library.AddGameAsync(new GameInput { Title = "Game" }, GameSources.Manual).WithTimeout();

        await AssertInvalidInput(() => library.AddGameAsync(null!, GameSources.Manual));
        await AssertInvalidInput(() => library.UpdateGameAsync(game.GameId, null!, GameSources.Manual));
        await AssertInvalidInput(() => library.StartSyncAsync(null!));

        var info = (await library.GetInfoAsync().WithTimeout())!;
        Assert.Equal((1, null), (info.GameCount, info.RunningSyncOperationId));
    }

    [Fact]
    public async Task System_calls_with_a_null_body_are_refused_with_invalid_input()
    {
        var system = fixture.Client.GetGrain<ISystemGrain>(TestTimeouts.NewKey("system"));

        await AssertInvalidInput(() => system.SendNotificationAsync(null!));
        await AssertInvalidInput(() => system.SendStatusUpdateAsync(null!));
        await AssertInvalidInput(() => system.ScheduleMaintenanceAsync(null!));

        Assert.Null(await system.GetMaintenanceAsync().WithTimeout());
    }

    private static async Task AssertInvalidInput(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => call().WithTimeout());
        Assert.Equal("invalid_input", ex.ErrorCode);
    }
}
