using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Profile, wallets and appearance of <c>/api/users/{userId}</c> (documents 000 and 001).</summary>
public static class ProfileEndpoints
{
    /// <summary>Document 000's header naming the session that made a change, which then does not receive its event.</summary>
    public const string SessionHeader = "X-Session-Id";

    public static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder users)
    {
        var group = users.MapGroup(string.Empty).WithTags("Users");
        group.MapGet("/profile", (string userId, IGrainFactory grains) => Grain(grains, userId).GetProfileAsync())
            .WithName("GetProfile").WithSummary("The profile with its linked wallets.");
        group.MapPatch("/profile", (string userId, ProfileUpdate update, IGrainFactory grains) => Grain(grains, userId).UpdateProfileAsync(update))
            .WithName("UpdateProfile").WithSummary("Changes the given fields (\"\" clears one); publishes profile_updated.");
        group.MapGet("/wallets", (string userId, IGrainFactory grains) => Grain(grains, userId).ListWalletsAsync())
            .WithName("ListWallets").WithSummary("The wallet addresses linked to the user.");
        group.MapPost("/wallets", (string userId, LinkWalletRequest request, IGrainFactory grains) => Grain(grains, userId).LinkWalletAsync(request.Address))
            .WithName("LinkWallet").WithSummary("Links a wallet address (idempotent); publishes profile_updated when new.");
        group.MapDelete("/wallets/{address}", (string userId, string address, IGrainFactory grains) => Grain(grains, userId).UnlinkWalletAsync(address))
            .WithName("UnlinkWallet").WithSummary("Unlinks a wallet address; publishes profile_updated.");
        group.MapGet("/appearance/{appKey}", (string userId, string appKey, IGrainFactory grains) => Grain(grains, userId).GetAppearanceAsync(appKey))
            .WithName("GetAppearance").WithSummary("The active avatar, banner and theme of one app.");
        group.MapPut("/appearance/{appKey}/{item}", SetAppearanceAsync)
            .WithName("SetAppearance")
            .WithSummary("Makes item_id the active avatar, banner or theme of the app; publishes appearance_updated to the user's other sessions (all but X-Session-Id).");
        return users;
    }

    private static async Task<Ok<AppearanceSelection>> SetAppearanceAsync(
        string userId, string appKey, string item, SetAppearanceRequest request, [FromHeader(Name = SessionHeader)] string? sessionId, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, userId).SetAppearanceAsync(appKey, item, request.ItemId, string.IsNullOrEmpty(sessionId) ? null : sessionId));

    internal static IUserGrain Grain(IGrainFactory grains, string userId) => grains.GetGrain<IUserGrain>(userId);
}
