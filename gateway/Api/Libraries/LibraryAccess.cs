using System.Security.Claims;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Gateway.Api.Libraries;

/// <summary>
/// Resolves a library for a caller: unknown → 404 <c>library_not_found</c>, someone else's → 403
/// <c>forbidden</c>, both before anything is changed. Ownership is the grain's <see cref="LibraryInfo.OwnerUserId"/>.
/// </summary>
internal static class LibraryAccess
{
    public static async Task<(ILibraryGrain Grain, LibraryInfo Info)> GetOwnedAsync(IGrainFactory grains, ClaimsPrincipal user, string libraryId)
    {
        var grain = grains.GetGrain<ILibraryGrain>(EdgeLimits.Id(libraryId, "library_id"));
        var info = await grain.GetInfoAsync() ?? throw new DomainNotFoundException("library_not_found", $"Library '{libraryId}' does not exist.");
        user.EnsureCanActFor(info.OwnerUserId);
        return (grain, info);
    }
}
