using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Grains.Users;

public sealed partial class UserGrain
{
    public async Task<AppearanceSelection> SetAppearanceAsync(string appKey, string item, string itemId, string? originSessionId = null)
    {
        UserValidation.Key(appKey, "invalid_app_key", "app_key");
        if (!AppearanceItems.IsKnown(item))
        {
            throw new DomainValidationException("unknown_item_kind", $"The item must be one of {string.Join(", ", AppearanceItems.All)}.");
        }

        UserValidation.Key(itemId, "invalid_item_id", "item id");
        UserValidation.OptionalKey(originSessionId, "invalid_session_id", "session id");

        var current = State.Appearance.GetValueOrDefault(appKey) ?? new AppearanceSelection { AppKey = appKey };
        if (ItemOf(current, item) == itemId)
        {
            return current; // not a change: nothing to tell the other sessions
        }

        if (!State.Appearance.ContainsKey(appKey) && State.Appearance.Count >= UserLimits.MaxApps)
        {
            throw new DomainConflictException("too_many_apps", $"A user may have an appearance in at most {UserLimits.MaxApps} apps.");
        }

        var updated = item switch
        {
            AppearanceItems.Avatar => current with { Avatar = itemId },
            AppearanceItems.Banner => current with { Banner = itemId },
            _ => current with { Theme = itemId },
        } with { UpdatedAt = Now };
        State.Appearance[appKey] = updated;
        await WriteStateAsync();
        await PublishToUserAsync(UserId, new AppearanceUpdatedData(appKey, item, itemId), excludeSessionId: originSessionId);
        return updated;
    }

    public Task<AppearanceSelection> GetAppearanceAsync(string appKey)
    {
        UserValidation.Key(appKey, "invalid_app_key", "app_key");
        return Task.FromResult(State.Appearance.GetValueOrDefault(appKey) ?? new AppearanceSelection { AppKey = appKey });
    }

    private static string? ItemOf(AppearanceSelection selection, string item) => item switch
    {
        AppearanceItems.Avatar => selection.Avatar,
        AppearanceItems.Banner => selection.Banner,
        _ => selection.Theme,
    };
}
