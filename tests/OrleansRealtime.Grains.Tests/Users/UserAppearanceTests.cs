using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Users;

public sealed class UserAppearanceTests(UserCluster fixture) : IClassFixture<UserCluster>
{
    [Theory]
    [InlineData("avatar")]
    [InlineData("banner")]
    [InlineData("theme")]
    public async Task Setting_an_item_emits_appearance_updated_to_the_other_sessions(string item)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var selection = await user.SetAppearanceAsync("emotion_tracker", item, "item-42", originSessionId: "sess-a").WithTimeout();

        var envelope = await probe.WaitForAsync("appearance_updated");
        Assert.Equal(["app_key", "updated_item", "new_item_id"], UserEvents.FieldNames(envelope));
        Assert.Equal(new AppearanceUpdatedData("emotion_tracker", item, "item-42"), envelope.DataAs<AppearanceUpdatedData>());
        Assert.Equal("sess-a", envelope.ExcludeSessionId);
        Assert.Equal(selection, await user.GetAppearanceAsync("emotion_tracker").WithTimeout());
        Assert.Equal("item-42", item switch { "avatar" => selection.Avatar, "banner" => selection.Banner, _ => selection.Theme });
    }

    [Fact]
    public async Task Without_an_origin_session_every_session_receives_it()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await user.SetAppearanceAsync("app", AppearanceItems.Theme, "dark").WithTimeout();

        Assert.Null((await probe.WaitForAsync("appearance_updated")).ExcludeSessionId);
    }

    [Fact]
    public async Task Each_app_keeps_its_own_avatar_banner_and_theme()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        await user.SetAppearanceAsync("app1", AppearanceItems.Avatar, "cat").WithTimeout();
        await user.SetAppearanceAsync("app1", AppearanceItems.Banner, "sea").WithTimeout();
        await user.SetAppearanceAsync("app2", AppearanceItems.Avatar, "dog").WithTimeout();

        var app1 = await user.GetAppearanceAsync("app1").WithTimeout();
        var app2 = await user.GetAppearanceAsync("app2").WithTimeout();
        var app3 = await user.GetAppearanceAsync("app3").WithTimeout();
        Assert.Equal(("cat", "sea", (string?)null), (app1.Avatar, app1.Banner, app1.Theme));
        Assert.Equal(("dog", (string?)null), (app2.Avatar, app2.Banner));
        Assert.Equal(new AppearanceSelection { AppKey = "app3" }, app3);
    }

    [Fact]
    public async Task Setting_the_item_already_active_emits_nothing()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;
        await user.SetAppearanceAsync("app", AppearanceItems.Avatar, "cat").WithTimeout();

        await user.SetAppearanceAsync("app", AppearanceItems.Avatar, "cat", "sess-b").WithTimeout();

        Assert.Single(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Theory]
    [InlineData("app", "hat", "x", null, "unknown_item_kind")]
    [InlineData("app", "Avatar", "x", null, "unknown_item_kind")]
    [InlineData("app", "", "x", null, "unknown_item_kind")]
    [InlineData("bad key", "avatar", "x", null, "invalid_app_key")]
    [InlineData("", "avatar", "x", null, "invalid_app_key")]
    [InlineData("app", "avatar", "", null, "invalid_item_id")]
    [InlineData("app", "avatar", "a/b", null, "invalid_item_id")]
    [InlineData("app", "avatar", "x", "sess a", "invalid_session_id")]
    public async Task Bad_appearance_input_is_refused_and_changes_nothing(string appKey, string item, string itemId, string? origin, string code)
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => user.SetAppearanceAsync(appKey, item, itemId, origin).WithTimeout());

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(new AppearanceSelection { AppKey = "app" }, await user.GetAppearanceAsync("app").WithTimeout());
        Assert.Empty(await UserEvents.BeforeMarkerAsync(user, probe));
    }

    [Fact]
    public async Task Ids_longer_than_128_characters_are_refused()
    {
        var (user, probe, _) = await fixture.NewUserAsync();
        await using var _probe = probe;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(
            () => user.SetAppearanceAsync("app", AppearanceItems.Avatar, new string('x', UserLimits.MaxKeyLength + 1)).WithTimeout());
        await user.SetAppearanceAsync("app", AppearanceItems.Avatar, new string('x', UserLimits.MaxKeyLength)).WithTimeout();

        Assert.Equal("invalid_item_id", ex.ErrorCode);
    }
}
