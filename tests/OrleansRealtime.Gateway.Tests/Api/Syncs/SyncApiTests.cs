using System.Net;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Sync;

namespace OrleansRealtime.Gateway.Tests.Api.Syncs;

[Collection(GatewayCollection.Name)]
public sealed class SyncApiTests(GatewayFixture fixture)
{
    /// <summary>
    /// A demo sync that stays running for hours, so tests can act on a running operation. Requests get in between
    /// games (one game per grain turn), so the per-game delay bounds how long a cancel waits: keep it short.
    /// </summary>
    private static readonly object SlowSync = new { operation_type = "full_sync", demo = new { catalog_size = 10_000, per_game_delay_ms = 1_000 } };

    /// <summary>
    /// A demo sync that is rate limited at its first game for a day: after <c>sync_started</c> and
    /// <c>sync_rate_limited</c> it publishes nothing until it is cancelled, so a test can prove that a refused
    /// request published nothing at all.
    /// </summary>
    private static readonly object WaitingSync = new { demo = new { catalog_size = 10, per_game_delay_ms = 0, rate_limit_at_game = 1, retry_after_seconds = 86_400 } };

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task StartSync_Returns202_WithTheOperationId_AndTheSyncRunsToCompletion()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/libraries/{libraryId}/syncs", new { operation_type = "full_sync", demo = new { catalog_size = 3, per_game_delay_ms = 0 } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.JsonAsync();
        var operationId = started.GetProperty("operation_id").GetString()!;
        Assert.False(started.GetProperty("already_running").GetBoolean());
        Assert.Equal($"/api/syncs/{operationId}", response.Headers.Location?.OriginalString);
        Assert.Equal(operationId, (await probe.WaitForAsync("sync_started")).Data.GetProperty("operation_id").GetString());
        var completed = await probe.WaitForAsync("sync_completed", e => e.Data.GetProperty("operation_id").GetString() == operationId);
        Assert.Equal(3, completed.Data.GetProperty("games_added").GetInt32());
        Assert.Equal(3, completed.Data.GetProperty("summary").GetProperty("new_games").GetArrayLength());

        var state = await (await http.GetAsyncWithTimeout($"/api/syncs/{operationId}")).JsonAsync();
        Assert.Equal("completed", state.GetProperty("status").GetString());
        Assert.Equal(3, state.GetProperty("games_processed").GetInt32());
        Assert.Equal(libraryId, state.GetProperty("library_id").GetString());
    }

    [Fact]
    public async Task SecondStart_WhileOneRuns_ReturnsTheRunningOperation_ThenCancelStopsIt()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        var first = await (await http.PostJsonAsync($"/api/libraries/{libraryId}/syncs", SlowSync)).JsonAsync();
        using var second = await http.PostJsonAsync($"/api/libraries/{libraryId}/syncs", new { });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var running = await second.JsonAsync();
        var operationId = first.GetProperty("operation_id").GetString()!;
        Assert.True(running.GetProperty("already_running").GetBoolean());
        Assert.Equal(operationId, running.GetProperty("operation_id").GetString());

        var cancelled = await (await http.PostJsonAsync($"/api/syncs/{operationId}/cancel", null)).JsonAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var failed = await probe.WaitForAsync("sync_failed");
        Assert.Equal("SYNC_CANCELLED", failed.Data.GetProperty("error_code").GetString());
        Assert.Null((await Host.Client.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync().WithTimeout())!.RunningSyncOperationId);
    }

    [Fact]
    public async Task ForeignOperation_Gets403_OnReadAndCancel_ChangesNothing_PublishesNothing()
    {
        var owner = TestTimeouts.NewKey("owner");
        using var ownerHttp = Host.As(owner);
        var libraryId = await LibrarySetup.CreateAsync(ownerHttp);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, owner);
        var operationId = (await (await ownerHttp.PostJsonAsync($"/api/libraries/{libraryId}/syncs", WaitingSync)).JsonAsync()).GetProperty("operation_id").GetString()!;
        await probe.WaitForAsync("sync_rate_limited", e => e.Data.GetProperty("operation_id").GetString() == operationId);
        var before = await probe.EventsBeforeBarrierAsync(Host.Client, owner);
        var grain = Host.Client.GetGrain<ISyncOperationGrain>(operationId);
        var stateBefore = (await grain.GetStateAsync().WithTimeout())!;
        using var mallory = Host.As(TestTimeouts.NewKey("mallory"));

        await ProblemAssert.IsProblemAsync(await mallory.GetAsyncWithTimeout($"/api/syncs/{operationId}"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await mallory.PostJsonAsync($"/api/syncs/{operationId}/cancel", null), HttpStatusCode.Forbidden, "forbidden");

        var state = (await grain.GetStateAsync().WithTimeout())!;
        Assert.Equal((SyncStatus.RateLimited, stateBefore.GamesProcessed, (DateTimeOffset?)null), (state.Status, state.GamesProcessed, state.FinishedAt));
        Assert.Equal(operationId, (await Host.Client.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync().WithTimeout())!.RunningSyncOperationId);
        Assert.Equal(before.Select(e => e.Id), (await probe.EventsBeforeBarrierAsync(Host.Client, owner)).Select(e => e.Id));

        // A service may act on it.
        using var service = Host.As("sync-service", "service");
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsyncWithTimeout($"/api/syncs/{operationId}")).StatusCode);
        (await ownerHttp.PostJsonAsync($"/api/syncs/{operationId}/cancel", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task UnknownOperation_Gets404_CreatesNothing_PublishesNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        var missing = Guid.NewGuid().ToString();

        await ProblemAssert.IsProblemAsync(await http.GetAsyncWithTimeout($"/api/syncs/{missing}"), HttpStatusCode.NotFound, "operation_not_found");
        await ProblemAssert.IsProblemAsync(await http.PostJsonAsync($"/api/syncs/{missing}/cancel", null), HttpStatusCode.NotFound, "operation_not_found");

        Assert.Null(await Host.Client.GetGrain<ISyncOperationGrain>(missing).GetStateAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    public static TheoryData<string, object> BadStarts() => new()
    {
        { "invalid_operation_type", new { operation_type = "everything" } },
        { "unknown_platform", new { platform = "atari" } },
        { "platform_not_configured", new { platform = "steam" } },
        { "invalid_demo_settings", new { demo = new { catalog_size = 1_000_000 } } },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task BadStart_Gets400_AndStartsNothing(string errorCode, object body)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = await LibrarySetup.CreateAsync(http);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostJsonAsync($"/api/libraries/{libraryId}/syncs", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Null((await Host.Client.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync().WithTimeout())!.RunningSyncOperationId);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }
}
