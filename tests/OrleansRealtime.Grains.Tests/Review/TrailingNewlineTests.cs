using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;
using OrleansRealtime.Grains.Tests.Users;

namespace OrleansRealtime.Grains.Tests.Review;

/// <summary>
/// .NET's <c>$</c> also matches before a final "\n", so a pattern like <c>^[a-z]+$</c> accepts "abc\n".
/// Every "safe name" rule must refuse a trailing newline: such names end up in stream keys, log lines,
/// event types and stored wallet addresses (where "0x…\n" would be a second copy of the same wallet).
/// </summary>
public sealed class TrailingNewlineTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    private const string Evm = "0x1234567890123456789012345678901234567890";

    [Fact]
    public async Task An_app_key_item_id_or_session_id_ending_in_a_newline_is_refused_and_nothing_is_emitted()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await AssertRefused("invalid_app_key", () => user.SetAppearanceAsync("app\n", AppearanceItems.Avatar, "cat"));
        await AssertRefused("invalid_item_id", () => user.SetAppearanceAsync("app", AppearanceItems.Avatar, "cat\n"));
        await AssertRefused("invalid_session_id", () => user.SetAppearanceAsync("app", AppearanceItems.Avatar, "cat", "sess\n"));
        await AssertRefused("invalid_session_id", () => user.SetTypingAsync("sess\n", true));

        Assert.Null((await user.GetAppearanceAsync("app").WithTimeout()).Avatar);
        await user.CreateNotificationAsync("marker", "marker").WithTimeout();
        await probe.WaitForAsync("notification");
        Assert.Empty(probe.OfType("appearance_updated"));
        Assert.Empty(probe.OfType("typing"));
    }

    [Fact]
    public async Task A_wallet_address_ending_in_a_newline_is_refused_and_not_owned()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await AssertRefused("invalid_wallet_address", () => user.LinkWalletAsync(Evm + "\n"));
        await AssertRefused("invalid_wallet_address", () => user.LinkWalletAsync("solana-addr\n"));

        Assert.Empty(await user.ListWalletsAsync().WithTimeout());
        await user.LinkWalletAsync(Evm).WithTimeout();
        Assert.False(await user.OwnsWalletAsync(Evm + "\n").WithTimeout());
        Assert.Single(await user.ListWalletsAsync().WithTimeout());
    }

    [Fact]
    public async Task A_plugin_type_or_action_ending_in_a_newline_is_refused()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        var data = JsonDocument.Parse("""{"x":1}""").RootElement;

        await AssertRefused("invalid_event_type", () => user.SendUpdateAsync("my_plugin\n", "done", data));
        await AssertRefused("invalid_action", () => user.SendUpdateAsync("my_plugin", "done\n", data));

        await user.SendUpdateAsync("my_plugin", "done", data).WithTimeout();
        await probe.WaitForAsync("my_plugin");
        Assert.Single(probe.Received);
    }

    [Fact]
    public void A_persona_or_channel_segment_ending_in_a_newline_is_refused()
    {
        Assert.Equal("invalid_segment", Assert.Throws<DomainValidationException>(() => ConversationKeys.ForPersona("user-1", "luna\n")).ErrorCode);
        Assert.Equal("invalid_segment", Assert.Throws<DomainValidationException>(() => ConversationKeys.ForChannel("wf", "app", "chat\n")).ErrorCode);
        Assert.False(ConversationKeys.IsSegment("luna\n"));
    }

    [Fact]
    public async Task A_library_platform_or_source_ending_in_a_newline_is_refused()
    {
        var library = fixture.Client.GetGrain<ILibraryGrain>(TestTimeouts.NewKey("lib"));

        await AssertRefused("invalid_platform", () => library.CreateAsync("user-1", "Library", "demo\n"));
        Assert.Null(await library.GetInfoAsync().WithTimeout());

        await library.CreateAsync("user-1", "Library", "demo").WithTimeout();
        await AssertRefused("invalid_source", () => library.AddGameAsync(new GameInput { Title = "Game" }, "manual\n"));
        Assert.Equal(0, (await library.GetInfoAsync().WithTimeout())!.GameCount);
    }

    [Fact]
    public async Task A_system_component_or_affected_service_ending_in_a_newline_is_refused()
    {
        var system = fixture.Client.GetGrain<ISystemGrain>(TestTimeouts.NewKey("system"));

        await AssertRefused("invalid_component", () => system.SendStatusUpdateAsync(new SystemStatusUpdateData
        {
            Component = "steam_api\n",
            Status = ComponentStatuses.Degraded,
            Message = "Slow",
        }));
        Assert.Empty(await system.GetComponentStatusesAsync().WithTimeout());
    }

    private static async Task AssertRefused(string code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => call().WithTimeout());
        Assert.Equal(code, ex.ErrorCode);
    }
}
